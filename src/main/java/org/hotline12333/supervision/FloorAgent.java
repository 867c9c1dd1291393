package org.hotline12333.supervision;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentStateChanged;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.PauseReason;

/**
 * An agent as the floor shows it.
 *
 * @param since  when the agent entered this state
 * @param callId the call the agent is ringing for, talking on or wrapping up
 * @param groups the skill groups the agent serves, best skill first
 */
record FloorAgent(String workNumber, String name, AgentState state, PauseReason pauseReason, Instant since,
                  String callId, boolean reachable, List<String> groups) {

    static FloorAgent of(AgentView view) {
        List<String> groups = view.skills().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        return new FloorAgent(view.workNumber(), view.name(), view.state(), view.pauseReason(), view.stateSince(),
                view.callId(), view.reachable(), groups);
    }

    /** An agent the floor learns of by a state change before it has read them. */
    static FloorAgent unknown(AgentStateChanged change) {
        return new FloorAgent(change.workNumber(), change.workNumber(), change.to(), change.pauseReason(), change.at(),
                change.callId(), true, List.of());
    }

    FloorAgent changed(AgentStateChanged change) {
        return new FloorAgent(workNumber, name, change.to(), change.pauseReason(), change.at(), change.callId(),
                reachable, groups);
    }

    boolean serves(String group) {
        return groups.contains(group);
    }
}
