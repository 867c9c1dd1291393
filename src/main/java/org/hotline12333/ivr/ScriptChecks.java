package org.hotline12333.ivr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the schema cannot see: every target exists, every node is reached, no loop lacks a way out, every prompt,
 * skill group, post and query exists, and every menu offers 0 for a person and says so (GB/T 33358-2016 asks that
 * a person is never far in a government hotline).
 */
final class ScriptChecks {

    private final IvrScript script;
    private final YamlDocument document;
    private final PromptCatalog prompts;
    private final ScriptCompiler.Destinations destinations;
    private final Set<String> malformed;
    private final List<ScriptProblem> problems = new ArrayList<>();

    private ScriptChecks(IvrScript script, YamlDocument document, PromptCatalog prompts,
                         ScriptCompiler.Destinations destinations, Set<String> malformed) {
        this.script = script;
        this.document = document;
        this.prompts = prompts;
        this.destinations = destinations;
        this.malformed = malformed;
    }

    /**
     * @param malformed nodes left out of the script because they failed the schema: they exist (so going to them
     *                  is fine) but their own targets are unknown, so nothing is concluded about paths through them
     */
    static List<ScriptProblem> check(IvrScript script, YamlDocument document, PromptCatalog prompts,
                                     ScriptCompiler.Destinations destinations, Set<String> malformed) {
        ScriptChecks checks = new ScriptChecks(script, document, prompts, destinations, malformed);
        checks.run();
        return checks.problems;
    }

    private void run() {
        if (!exists(script.start())) {
            problems.add(document.problem("start", "'start' names node '" + script.start() + "', which does not exist"));
        }
        for (IvrScript.Node node : script.nodes().values()) {
            checkNode(node);
        }
        checkReachability();
        checkWayOut();
    }

    private void checkNode(IvrScript.Node node) {
        String at = "nodes/" + node.name();
        if (node instanceof IvrScript.Play play) {
            prompts(at + "/play", play.prompts());
            target(at + "/next", play.next());
        } else if (node instanceof IvrScript.Menu menu) {
            prompts(at + "/menu", menu.prompts());
            menu.options().forEach((key, action) -> action(at + "/options/" + key, action));
            retry(at, menu.retry());
            checkPersonIsOneKeyAway(at, menu);
        } else if (node instanceof IvrScript.Collect collect) {
            prompt(at + "/prompt", collect.prompt());
            target(at + "/next", collect.next());
            retry(at, collect.retry());
            if (collect.minDigits() > collect.maxDigits()) {
                problems.add(document.problem(at + "/min-digits", "min-digits is more than max-digits"));
            }
        } else if (node instanceof IvrScript.Verify verify) {
            prompt(at + "/failed-prompt", verify.failedPrompt());
            target(at + "/retry", verify.retry());
            target(at + "/next", verify.next());
            action(at + "/fallback", verify.fallback());
            collected(at + "/verify/id", verify.idVariable());
            collected(at + "/verify/pin", verify.pinVariable());
        } else if (node instanceof IvrScript.Query query) {
            if (!destinations.queryExists(query.query())) {
                problems.add(document.problem(at + "/query", "there is no self-service query '" + query.query() + "'"));
            }
            prompt(at + "/not-found-prompt", query.notFoundPrompt());
            sayItems(at + "/say", query.say());
            target(at + "/next", query.next());
        } else if (node instanceof IvrScript.Say say) {
            sayItems(at + "/say", say.say());
            target(at + "/next", say.next());
        } else if (node instanceof IvrScript.Branch branch) {
            for (int i = 0; i < branch.cases().size(); i++) {
                target(at + "/branch/" + i + "/goto", branch.cases().get(i).goTo());
                if (branch.cases().get(i).when() == null && i < branch.cases().size() - 1) {
                    problems.add(document.problem(at + "/branch/" + i, "a case without 'when' must come last"));
                }
            }
            if (branch.cases().get(branch.cases().size() - 1).when() != null) {
                problems.add(document.problem(at + "/branch", "the last case needs no 'when', so every caller goes somewhere"));
            }
        } else if (node instanceof IvrScript.Transfer transfer) {
            action(at, transfer.action());
        } else if (node instanceof IvrScript.Callback callback) {
            group(at + "/callback", callback.skillGroup());
            target(at + "/next", callback.next());
        } else if (node instanceof IvrScript.SetData set) {
            target(at + "/next", set.next());
        } else if (node instanceof IvrScript.Hangup hangup) {
            prompts(at + "/hangup", hangup.prompts());
        }
    }

    private void checkPersonIsOneKeyAway(String at, IvrScript.Menu menu) {
        IvrScript.Action zero = menu.options().get('0');
        boolean toPerson = zero != null && (zero.isTransfer()
                || zero.goTo() != null && script.nodes().get(zero.goTo()) instanceof IvrScript.Callback);
        if (!toPerson) {
            problems.add(document.problem(zero == null ? at + "/options" : at + "/options/0",
                    "menu '" + menu.name() + "' must offer 0 for a person: a transfer, or a callback request"));
            return;
        }
        boolean announced = menu.prompts().stream().map(prompts::text)
                .anyMatch(text -> text != null && (text.contains("按0") || text.contains("按零")));
        if (!announced) {
            problems.add(document.problem(at + "/menu", "menu '" + menu.name()
                    + "' offers 0 for a person but none of its prompts says so (e.g. '人工服务请按0')"));
        }
    }

    private void retry(String at, IvrScript.Retry retry) {
        prompt(at + "/invalid-prompt", retry.invalidPrompt());
        action(at + "/fallback", retry.fallback());
    }

    private void action(String at, IvrScript.Action action) {
        if (action.goTo() != null) {
            target(at + "/goto", action.goTo());
        }
        if (action.transfer() != null) {
            group(at + "/transfer", action.transfer());
        }
        if (action.post() != null && !destinations.postExists(action.post())) {
            problems.add(document.problem(at + "/post", "there is no post '" + action.post() + "'"));
        }
        if (action.hangup() != null) {
            prompts(at + "/hangup", action.hangup());
        }
        if (action.prompt() != null) {
            prompt(at + "/prompt", action.prompt());
        }
    }

    private void group(String at, String group) {
        if (!destinations.skillGroupExists(group)) {
            problems.add(document.problem(at, "there is no skill group '" + group + "'"));
        }
    }

    private void sayItems(String at, List<IvrScript.SayItem> items) {
        for (int i = 0; i < items.size(); i++) {
            IvrScript.SayItem item = items.get(i);
            if (item.kind() == IvrScript.SayKind.PROMPT) {
                prompt(at + "/" + i + "/prompt", item.value());
            } else if (item.kind() == IvrScript.SayKind.PROMPT_OF && !prompts.hasPrefix(item.prefix())) {
                problems.add(document.problem(at + "/" + i + "/prefix", "no prompt starts with '" + item.prefix() + "'"));
            }
        }
    }

    private void collected(String at, String variable) {
        boolean collected = script.nodes().values().stream()
                .anyMatch(n -> n instanceof IvrScript.Collect c && c.into().equals(variable));
        if (!collected) {
            problems.add(document.problem(at, "no collect node fills '" + variable + "'"));
        }
    }

    private void prompts(String at, List<String> prompts) {
        for (int i = 0; i < prompts.size(); i++) {
            prompt(at + "/" + i, prompts.get(i));
        }
    }

    private void prompt(String at, String prompt) {
        if (prompt != null && !prompts.has(prompt)) {
            problems.add(document.problem(at, "prompt '" + prompt + "' is not in prompts.yaml"));
        }
    }

    private void target(String at, String node) {
        if (node != null && !exists(node)) {
            problems.add(document.problem(at, "goes to node '" + node + "', which does not exist"));
        }
    }

    private boolean exists(String node) {
        return script.nodes().containsKey(node) || malformed.contains(node);
    }

    private void checkReachability() {
        if (!malformed.isEmpty()) {
            return;
        }
        Set<String> reached = walk(script.start(), this::successors);
        Set<String> reachedFromUnreached = new HashSet<>();
        for (String name : script.nodes().keySet()) {
            if (!reached.contains(name)) {
                successors(name).forEach(reachedFromUnreached::add);
            }
        }
        // only the first node of each unreached part: the rest follow from it
        for (String name : script.nodes().keySet()) {
            if (!reached.contains(name) && !reachedFromUnreached.contains(name)) {
                problems.add(document.problem("nodes/" + name, "node '" + name + "' is never reached from '"
                        + script.start() + "'"));
            }
        }
    }

    /** Every node must lead to a person or a goodbye; a cycle of nodes that leads nowhere else traps callers. */
    private void checkWayOut() {
        Map<String, Set<String>> predecessors = new HashMap<>();
        Set<String> exits = new HashSet<>();
        for (IvrScript.Node node : script.nodes().values()) {
            if (isExit(node) || leadsNowhere(node.name())) {
                exits.add(node.name());
            }
            for (String next : successors(node.name())) {
                predecessors.computeIfAbsent(next, n -> new HashSet<>()).add(node.name());
            }
        }
        exits.addAll(malformed);
        Set<String> canLeave = new HashSet<>();
        for (String exit : exits) {
            canLeave.addAll(walk(exit, name -> predecessors.getOrDefault(name, Set.of())));
        }
        for (String name : script.nodes().keySet()) {
            if (!canLeave.contains(name)) {
                problems.add(document.problem("nodes/" + name, "node '" + name
                        + "' is in a loop with no way out to a person or a goodbye"));
            }
        }
    }

    /** A node with a target that does not exist: already reported, so not reported again as a trap. */
    private boolean leadsNowhere(String name) {
        return targets(name).stream().anyMatch(target -> !exists(target));
    }

    private static boolean isExit(IvrScript.Node node) {
        Predicate<IvrScript.Action> leaves = action -> action.isTransfer() || action.hangup() != null;
        if (node instanceof IvrScript.Transfer || node instanceof IvrScript.Hangup) {
            return true;
        }
        if (node instanceof IvrScript.Menu menu) {
            return menu.options().values().stream().anyMatch(leaves) || leaves.test(menu.retry().fallback());
        }
        if (node instanceof IvrScript.Collect collect) {
            return leaves.test(collect.retry().fallback());
        }
        return node instanceof IvrScript.Verify verify && leaves.test(verify.fallback());
    }

    private List<String> successors(String name) {
        List<String> next = targets(name);
        next.removeIf(n -> !exists(n));
        return next;
    }

    /** Every node name this node can go to, whether it exists or not. */
    private List<String> targets(String name) {
        IvrScript.Node node = script.nodes().get(name);
        if (node == null) {
            return new ArrayList<>();
        }
        List<String> next = new ArrayList<>();
        if (node instanceof IvrScript.Play play) {
            next.add(play.next());
        } else if (node instanceof IvrScript.Menu menu) {
            menu.options().values().forEach(action -> next.add(action.goTo()));
            next.add(menu.retry().fallback().goTo());
        } else if (node instanceof IvrScript.Collect collect) {
            next.add(collect.next());
            next.add(collect.retry().fallback().goTo());
        } else if (node instanceof IvrScript.Verify verify) {
            next.add(verify.retry());
            next.add(verify.next());
            next.add(verify.fallback().goTo());
        } else if (node instanceof IvrScript.Query query) {
            next.add(query.next());
        } else if (node instanceof IvrScript.Say say) {
            next.add(say.next());
        } else if (node instanceof IvrScript.Branch branch) {
            branch.cases().forEach(c -> next.add(c.goTo()));
        } else if (node instanceof IvrScript.Callback callback) {
            next.add(callback.next());
        } else if (node instanceof IvrScript.SetData set) {
            next.add(set.next());
        } else if (node instanceof IvrScript.Transfer transfer) {
            next.add(transfer.action().goTo());
        }
        next.removeIf(java.util.Objects::isNull);
        return next;
    }

    private static Set<String> walk(String from, java.util.function.Function<String, ? extends Iterable<String>> edges) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (seen.add(name)) {
                edges.apply(name).forEach(todo::add);
            }
        }
        return seen;
    }
}
