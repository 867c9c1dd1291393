package org.hotline12333.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hotline12333.routing.AgentControl;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.Agents;
import org.hotline12333.routing.PauseReason;
import org.hotline12333.routing.PendingStateApplied;
import org.hotline12333.routing.SkillMove;
import org.hotline12333.routing.SkillMoves;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Supervisors acting on agents: forcing a state (applied at once, or when the agent's call ends) and moving agents
 * between skill groups for the rest of the day or until undone. Routing does it ({@link AgentControl},
 * {@link SkillMoves}); every action and what came of it goes into the audit list and onto the floor.
 */
@Service
class AgentActions {

    private static final List<ActionView.Outcome> WAITING = List.of(ActionView.Outcome.PENDING);

    private final AgentControl control;
    private final SkillMoves moves;
    private final Agents agents;
    private final SupervisorActions actions;
    private final FloorWorker worker;
    private final SupervisionProperties properties;
    private final Clock clock;

    AgentActions(AgentControl control, SkillMoves moves, Agents agents, SupervisorActions actions, FloorWorker worker,
                 SupervisionProperties properties, Clock clock) {
        this.control = control;
        this.moves = moves;
        this.agents = agents;
        this.actions = actions;
        this.worker = worker;
        this.properties = properties;
        this.clock = clock;
    }

    SupervisorActionsController.AgentAction force(String workNumber, AgentState state, PauseReason pauseReason,
                                                  String by, String reason) {
        AgentControl.Forced forced = control.force(workNumber, state, pauseReason, by, reason);
        actions.latest(ActionView.Kind.FORCE_STATE, null, workNumber, WAITING).ifPresent(earlier ->
                actions.outcome(earlier.id(), ActionView.Outcome.REPLACED, null));
        String detail = state + (state == AgentState.PAUSED ? " (" + pauseReason + ")" : "");
        ActionView action = actions.record(ActionView.Kind.FORCE_STATE, by, callOf(workNumber), workNumber, reason,
                forced.pending() ? detail + ": waits for the agent's call to end" : detail,
                forced.pending() ? ActionView.Outcome.PENDING : ActionView.Outcome.DONE);
        if (forced.pending() && control.pending(workNumber).isEmpty()) { // the call ended meanwhile
            action = actions.outcome(action.id(), ActionView.Outcome.DONE, detail + ": applied as the call ended");
        }
        worker.resyncSoon();
        return new SupervisorActionsController.AgentAction(action, agents.byWorkNumber(workNumber).orElseThrow());
    }

    /** A state that waited for the call was applied: its action is done. */
    @EventListener
    void on(PendingStateApplied applied) {
        actions.latest(ActionView.Kind.FORCE_STATE, null, applied.workNumber(), WAITING).ifPresent(action ->
                actions.outcome(action.id(), ActionView.Outcome.DONE, applied.state().state()
                        + (applied.state().pauseReason() == null ? "" : " (" + applied.state().pauseReason() + ")")
                        + ": applied as the call ended"));
        worker.resyncSoon();
    }

    /** @param until END_OF_DAY (null or blank too: midnight in the floor's zone) or UNDONE */
    SupervisorActionsController.MoveAction move(String workNumber, Map<String, Integer> skills, String until,
                                                String by, String reason) {
        Instant end = switch (until == null || until.isBlank() ? "END_OF_DAY" : until) {
            case "END_OF_DAY" -> startOfDay(1);
            case "UNDONE" -> null;
            default -> throw new IllegalArgumentException("until must be END_OF_DAY or UNDONE");
        };
        SkillMove move = moves.move(workNumber, skills, end, by, reason);
        ActionView action = actions.record(ActionView.Kind.SKILL_MOVE, by, null, workNumber, reason,
                "move " + move.id() + ": " + levels(move) + (end == null ? ", until undone" : ", until " + end),
                ActionView.Outcome.DONE);
        worker.resyncSoon();
        return new SupervisorActionsController.MoveAction(action, move);
    }

    SupervisorActionsController.MoveAction undo(long id, String by, String reason) {
        SkillMove move = moves.undo(id, by);
        ActionView action = actions.record(ActionView.Kind.SKILL_MOVE_UNDONE, by, null, move.workNumber(), reason,
                "move " + id + " undone: " + levels(move), ActionView.Outcome.DONE);
        worker.resyncSoon();
        return new SupervisorActionsController.MoveAction(action, move);
    }

    /** Every move made today (in the floor's zone), in force or not. */
    List<SkillMove> movesToday() {
        return moves.since(startOfDay(0));
    }

    private String callOf(String workNumber) {
        return agents.byWorkNumber(workNumber).map(agent -> agent.callId()).orElse(null);
    }

    private Instant startOfDay(int daysFromToday) {
        return LocalDate.ofInstant(clock.instant(), properties.zone()).plusDays(daysFromToday)
                .atStartOfDay(properties.zone()).toInstant();
    }

    /** {@code medical 5, pension out}. */
    private static String levels(SkillMove move) {
        return move.levels().entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() == 0 ? " out" : " " + e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
