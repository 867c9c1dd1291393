package org.hotline12333.supervision;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentStateChanged;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.PauseReason;
import org.hotline12333.routing.PendingState;

/**
 * An agent as the floor shows it.
 *
 * @param since   when the agent entered this state
 * @param callId  the call the agent is ringing for, talking on or wrapping up
 * @param groups  the skill groups the agent serves now (skill moves included), best skill first
 * @param moved   whether a supervisor's skill move is in force for the agent
 * @param pending a state a supervisor forced during the agent's call, applied when it ends (or null)
 */
record FloorAgent(String workNumber, String name, AgentState state, PauseReason pauseReason, Instant since,
                  String callId, boolean reachable, List<String> groups, boolean moved, PendingState pending) {

    static FloorAgent of(AgentView view) {
        List<String> groups = view.skillsNow().entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        return new FloorAgent(view.workNumber(), view.name(), view.state(), view.pauseReason(), view.stateSince(),
                view.callId(), view.reachable(), groups, !view.skillsNow().equals(view.skills()), view.pending());
    }

    /** An agent the floor learns of by a state change before it has read them. */
    static FloorAgent unknown(AgentStateChanged change) {
        return new FloorAgent(change.workNumber(), change.workNumber(), change.to(), change.pauseReason(), change.at(),
                change.callId(), true, List.of(), false, null);
    }

    /** A state waiting for the call goes once the agent is off the call (applied then, or given up). */
    FloorAgent changed(AgentStateChanged change) {
        boolean onCall = change.to() == AgentState.RESERVED || change.to() == AgentState.ON_CALL;
        return new FloorAgent(workNumber, name, change.to(), change.pauseReason(), change.at(), change.callId(),
                reachable, groups, moved, onCall ? pending : null);
    }
}
