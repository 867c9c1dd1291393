package org.hotline12333.ivr;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.hotline12333.telephony.CallChannel;

/**
 * One caller's way through one script: what they entered, what the agent will see, which menus they came through
 * (for *), and every step for the record. Lives only as long as the call is in the IVR.
 */
final class CallerSession {

    private final CallChannel call;
    private final IvrScript script;
    private final Clock clock;
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> callData = new LinkedHashMap<>();
    private final Deque<String> menus = new ArrayDeque<>();
    private final Map<String, Integer> counters = new HashMap<>();
    private final List<IvrStep> steps = new ArrayList<>();
    private Character pendingKey;
    private Consumer<String> nodeListener = node -> { };

    CallerSession(CallChannel call, IvrScript script, Clock clock) {
        this.call = call;
        this.script = script;
        this.clock = clock;
    }

    CallChannel call() {
        return call;
    }

    IvrScript script() {
        return script;
    }

    Clock clock() {
        return clock;
    }

    void put(String name, Object value) {
        values.put(name, value);
    }

    Object value(String name) {
        return values.get(name);
    }

    String text(String name) {
        Object value = values.get(name);
        return value == null ? null : value.toString();
    }

    /** Call data shown on the agent's screen. */
    void show(String name, String value) {
        callData.put(name, value);
    }

    Map<String, String> callData() {
        return Map.copyOf(callData);
    }

    /** A key pressed during a prompt, kept for the menu that follows (barge-in). */
    void keep(char key) {
        pendingKey = key;
    }

    Optional<Character> takeKept() {
        Optional<Character> key = Optional.ofNullable(pendingKey);
        pendingKey = null;
        return key;
    }

    /** Enters a menu: it becomes where * leads back to from the next menu. */
    void entered(String menu) {
        if (!menu.equals(menus.peek())) {
            menus.push(menu);
        }
    }

    /** The menu before the current one, for *; the current one when there is none. */
    String back() {
        if (menus.size() > 1) {
            menus.pop();
        }
        return menus.pop();
    }

    int count(String counter) {
        return counters.merge(counter, 1, Integer::sum);
    }

    /** Told the name of every node the caller reaches (the live floor shows where each caller is). */
    void onNode(Consumer<String> listener) {
        this.nodeListener = listener;
    }

    void entering(String node) {
        nodeListener.accept(node);
    }

    void step(String node, String prompt, String input, String result) {
        steps.add(new IvrStep(steps.size() + 1, script.name(), script.version(), node, prompt, input, result,
                clock.instant()));
    }

    /** The menu keys the caller pressed on the way, e.g. "5-1", for the agent's screen. */
    String keysPressed() {
        return String.join("-", steps.stream().filter(step -> step.input() != null && step.input().length() == 1
                && script.nodes().get(step.node()) instanceof IvrScript.Menu).map(IvrStep::input).toList());
    }

    /**
     * The caller's way through the menus in words, for the agent's screen: 社会保险 › 养老保险 › 人工. A choice undone
     * with * is left out; the way ends with 人工 (the caller is being put through to a person).
     */
    String pathInWords() {
        Deque<IvrScript.Action> chosen = new ArrayDeque<>();
        for (IvrStep step : steps) {
            if (!(script.nodes().get(step.node()) instanceof IvrScript.Menu menu) || step.input() == null) {
                continue;
            }
            if (step.input().equals("*") && step.result().startsWith("back")) {
                chosen.pollLast();
            } else if (step.result().startsWith("to ") || step.result().startsWith("go ")) {
                chosenOption(menu, step.input()).ifPresent(chosen::addLast);
            }
        }
        List<String> words = new ArrayList<>(chosen.stream().map(IvrScript.Action::inWords).toList());
        if (chosen.isEmpty() || !chosen.getLast().isTransfer()) {
            words.add("人工");
        }
        return String.join(" › ", words);
    }

    private static Optional<IvrScript.Action> chosenOption(IvrScript.Menu menu, String input) {
        if (input.length() == 1) {
            return Optional.ofNullable(menu.options().get(input.charAt(0)));
        }
        String said = input.startsWith("said ") ? input.substring(5) : input;
        return menu.options().values().stream().filter(option -> option.keywords().contains(said)).findFirst();
    }

    List<IvrStep> steps() {
        return List.copyOf(steps);
    }
}
