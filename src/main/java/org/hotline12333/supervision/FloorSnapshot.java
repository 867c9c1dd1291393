package org.hotline12333.supervision;

import java.time.Instant;
import java.util.List;
import org.hotline12333.outreach.ReturnVisitFigures;
import org.hotline12333.alert.AlertView;
import org.hotline12333.routing.SkillMove;

/**
 * The whole floor at one moment: what the page starts from, and what {@code GET /api/supervision/floor} returns.
 *
 * @param at         the service's time when this was taken (the page counts durations from it)
 * @param calls      calls in progress on every instance, and conversations only Asterisk knows
 * @param agents     every agent
 * @param groups     every skill group: who waits, who is ready
 * @param figures    today's figures (null until first computed)
 * @param alerts     open alerts, newest first
 * @param nodes      the Asterisk nodes and whether AMI reaches them
 * @param monitoring monitoring sessions in progress
 * @param cases      the cases (工单) past a deadline now (null until first counted)
 * @param actions    supervisors' latest actions, newest first
 * @param skillMoves the skill moves in force, oldest first
 */
record FloorSnapshot(Instant at, List<FloorCall> calls, List<FloorAgent> agents, List<GroupLive> groups,
                     Figures figures, List<AlertView> alerts, List<NodeStatus> nodes, List<MonitorView> monitoring,
                     Cases cases, Settings settings, List<ActionView> actions, List<SkillMove> skillMoves) {

    /**
     * @param overdue      open cases past a running deadline (signing for, finishing): docs/cases.md
     * @param returnVisits today's 回访 campaign: due, called, answered and 回访满意率 (docs/outreach.md)
     */
    record Cases(long overdue, ReturnVisitFigures.Today returnVisits) {
    }

    /**
     * A skill group now.
     *
     * @param waiting          callers waiting (queued, or the agent's phone ringing for them)
     * @param longestWaitSince when the caller waiting longest asked for a person (null: nobody waits)
     * @param ready            agents serving the group who are READY
     * @param busy             agents serving the group ringing, talking or wrapping up
     * @param loggedIn         agents serving the group who are logged in
     */
    record GroupLive(String code, String name, int waiting, Instant longestWaitSince, int ready, int busy,
                     int loggedIn) {
    }

    /** @param state UP, DOWN, or UNKNOWN until AMI has said */
    record NodeStatus(String node, String state, String reason, Instant since) {
    }

    record Settings(long serviceLevelSeconds, double connectionRateTarget, long longWaitSeconds,
                    long longCallSeconds, boolean showFullNumbers) {
    }
}
