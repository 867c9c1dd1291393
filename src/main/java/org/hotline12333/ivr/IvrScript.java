package org.hotline12333.ivr;

import java.time.Duration;
import java.time.LocalTime;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A menu tree, checked and immutable: a call runs the version it started with, whatever is reloaded meanwhile.
 *
 * @param version a digest of the file, to tell versions apart in logs and on the call's path
 */
record IvrScript(String name, String title, String file, String version, String start, Map<String, Node> nodes) {

    Node node(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            throw new IllegalStateException("script " + this.name + " has no node '" + name + "'");
        }
        return node;
    }

    /** One step of a script. */
    sealed interface Node {
        String name();
    }

    record Play(String name, List<String> prompts, String next) implements Node {
    }

    record Menu(String name, List<String> prompts, Map<Character, Action> options, Retry retry) implements Node {

        String keys() {
            StringBuilder keys = new StringBuilder();
            options.keySet().forEach(keys::append);
            return keys.append("*#").toString();
        }

        boolean hasKeywords() {
            return options.values().stream().anyMatch(option -> !option.keywords().isEmpty());
        }
    }

    record Collect(String name, InputKind kind, String prompt, String into, int minDigits, int maxDigits,
                   String next, Retry retry) implements Node {
    }

    record Verify(String name, String idVariable, String pinVariable, String failedPrompt, int attempts,
                  String retry, String next, Action fallback) implements Node {
    }

    record Query(String name, String query, List<SayItem> say, String notFoundPrompt, String next) implements Node {
    }

    record Say(String name, List<SayItem> say, String next) implements Node {
    }

    record Branch(String name, List<Case> cases) implements Node {
    }

    record Transfer(String name, Action action) implements Node {
    }

    record Callback(String name, String skillGroup, String next) implements Node {
    }

    record SetData(String name, Map<String, String> values, String next) implements Node {
    }

    record Hangup(String name, List<String> prompts) implements Node {
    }

    /**
     * Where a choice leads. Exactly one of goto, transfer (a skill group, optionally a post) or hangup is set.
     *
     * @param prompt   played before going
     * @param set      call data set on the way
     * @param keywords spoken words that choose this option
     * @param label    what the choice is called on the agent's screen (社会保险 › 养老保险 › 人工); null: its longest
     *                 keyword, 人工 for a transfer, else the node it goes to
     */
    record Action(String goTo, String transfer, String post, List<String> hangup, String prompt,
                  Map<String, String> set, List<String> keywords, String label) {

        static Action transferTo(String skillGroup) {
            return new Action(null, skillGroup, null, null, null, Map.of(), List.of(), null);
        }

        static Action goTo(String node) {
            return new Action(node, null, null, null, null, Map.of(), List.of(), null);
        }

        /** The choice in words, as the agent's screen shows the caller's path. */
        String inWords() {
            if (label != null) {
                return label;
            }
            if (isTransfer()) {
                return "人工";
            }
            return keywords.stream().max(java.util.Comparator.comparingInt(String::length)).orElse(goTo);
        }

        boolean isTransfer() {
            return transfer != null;
        }
    }

    /** What to do when a caller gives no or invalid input. */
    record Retry(Duration timeout, int retries, String invalidPrompt, Action fallback) {
    }

    /** One case of a branch; a null condition always holds. */
    record Case(Condition when, String goTo) {
    }

    /**
     * A condition on the time or on what the caller entered; every part given must hold.
     *
     * @param calendar open, closed or holiday, from calendar.yaml
     */
    record Condition(String calendar, Set<DayOfWeek> weekdays, LocalTime from, LocalTime to, String variable,
                     String equals) {
    }

    /** One thing read to the caller: a prompt, or a value read in Mandarin. */
    record SayItem(SayKind kind, String value, String prefix) {
    }

    enum SayKind { PROMPT, NUMBER, MONEY, DATE, DIGITS, PROMPT_OF }
}
