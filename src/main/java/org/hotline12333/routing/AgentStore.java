package org.hotline12333.routing;

import static org.hotline12333.sql.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hotline12333.call.CallRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Agents, groups and posts in the database, and every agent state change. A state change is a conditional UPDATE
 * on the state and version just read, so of two instances changing one agent at once exactly one wins: this is
 * how an agent is never offered two calls, whatever the number of service instances.
 */
@Repository
class AgentStore {

    private static final String AGENT_COLUMNS = "work_number, name, endpoint, node, username, pin_hash, state, "
            + "pause_reason, state_since, ready_since, call_id, reachable, version";

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final SkillMoveStore moves;
    private final CallRecords calls;

    AgentStore(JdbcClient db, TransactionTemplate transactions, SkillMoveStore moves, CallRecords calls) {
        this.db = db;
        this.transactions = transactions;
        this.moves = moves;
        this.calls = calls;
    }

    record AgentRow(String workNumber, String name, String endpoint, String node, String username, String pinHash,
                    AgentState state, PauseReason pauseReason, Instant stateSince, Instant readySince,
                    String callId, boolean reachable, long version) {
    }

    /** @param actor who changed it when it was not the agent or routing: the supervisor who forced it */
    record StateChange(long id, String workNumber, AgentState from, AgentState to, PauseReason pauseReason,
                       String callId, String note, Instant at, String instance, String actor) {
    }

    /**
     * What a transition asks for; {@code from} lists the states it may start from. Built with the factories below,
     * which say what kind of change it is.
     *
     * @param reason          for PAUSED only
     * @param callId          the call (or callback) the agent is on after the change; null keeps the one stored
     * @param mustBeReachable refused when the agent's phone is unreachable (a claim)
     * @param actor           the supervisor who forced it (null: the agent, or routing)
     */
    record Transition(Set<AgentState> from, AgentState to, PauseReason reason, String callId, String note,
                      boolean mustBeReachable, String actor) {

        Transition(Set<AgentState> from, AgentState to, PauseReason reason, String callId, String note,
                   boolean mustBeReachable) {
            this(from, to, reason, callId, note, mustBeReachable, null);
        }

        /** A READY, reachable agent claimed for a call or a callback: RESERVED for it. */
        static Transition claim(String callId, String note) {
            return new Transition(Set.of(AgentState.READY), AgentState.RESERVED, null, callId, note, true);
        }

        /** A plain change of state, with no call and no pause reason. */
        static Transition move(Set<AgentState> from, AgentState to, String note) {
            return new Transition(from, to, null, null, note, false);
        }

        /** Paused, for this reason. */
        static Transition pause(Set<AgentState> from, PauseReason reason, String note) {
            return new Transition(from, AgentState.PAUSED, reason, null, note, false);
        }

        /** A state a supervisor forced ({@code by}), with the pause reason when PAUSED. */
        static Transition forced(Set<AgentState> from, AgentState to, PauseReason reason, String note, String by) {
            return new Transition(from, to, reason, null, note, false, by);
        }

        /** A change that keeps the agent on this call (ON_CALL, WRAP_UP, or RESERVED for it). */
        static Transition onCall(Set<AgentState> from, AgentState to, String callId, String note) {
            return new Transition(from, to, null, callId, note, false);
        }
    }

    /** A stored transition: the agent as it is now and the event to publish. */
    record Changed(AgentRow agent, AgentStateChanged event) {
    }

    List<AgentRow> agents() {
        return db.sql("SELECT " + AGENT_COLUMNS + " FROM agent ORDER BY work_number").query(AgentStore::agent).list();
    }

    Optional<AgentRow> agent(String workNumber) {
        return db.sql("SELECT " + AGENT_COLUMNS + " FROM agent WHERE work_number = ?").param(workNumber)
                .query(AgentStore::agent).optional();
    }

    Optional<AgentRow> agentOfUser(String username) {
        return db.sql("SELECT " + AGENT_COLUMNS + " FROM agent WHERE username = ?").param(username)
                .query(AgentStore::agent).optional();
    }

    /** The agent at this phone: the one logged in there, else the one whose phone it is. */
    Optional<AgentRow> agentAt(String node, String endpoint) {
        return db.sql("SELECT " + AGENT_COLUMNS + " FROM agent WHERE node = ? AND endpoint = ?"
                        + " ORDER BY CASE WHEN state = 'LOGGED_OUT' THEN 1 ELSE 0 END, state_since DESC")
                .params(node, endpoint).query(AgentStore::agent).list().stream().findFirst();
    }

    /** The skills routing uses now: the permanent ones with the skill moves in force laid over them. */
    Map<String, Map<String, Integer>> skillsNow(Instant now) {
        return moves.overlay(skills(), now);
    }

    /** The permanent skills, as administrators set them: work number → group → level. */
    Map<String, Map<String, Integer>> skills() {
        Map<String, Map<String, Integer>> skills = new HashMap<>();
        db.sql("SELECT work_number, group_code, level FROM agent_skill").query((rs, n) -> {
            skills.computeIfAbsent(rs.getString(1), a -> new HashMap<>()).put(rs.getString(2), rs.getInt(3));
            return null;
        }).list();
        return skills;
    }

    List<RoutingConfig.Group> groups() {
        return db.sql("SELECT code, name, wrap_up_seconds, overflow_after_seconds, overflow_groups FROM skill_group"
                + " ORDER BY code").query((rs, n) -> {
                    int overflowAfter = rs.getInt(4);
                    boolean hasOverflow = !rs.wasNull();
                    String overflow = rs.getString(5);
                    return new RoutingConfig.Group(rs.getString(1), rs.getString(2),
                            Duration.ofSeconds(rs.getInt(3)), hasOverflow ? Duration.ofSeconds(overflowAfter) : null,
                            overflow == null || overflow.isBlank() ? List.of()
                                    : Arrays.stream(overflow.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
                }).list();
    }

    List<RoutingConfig.Post> posts() {
        return db.sql("SELECT code, name, skill_group, a_agent, b_agent FROM post ORDER BY code")
                .query((rs, n) -> new RoutingConfig.Post(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
    }

    long configVersion() {
        return db.sql("SELECT version FROM routing_config_version WHERE id = 1").query(Long.class).single();
    }

    void bumpConfigVersion() {
        db.sql("UPDATE routing_config_version SET version = version + 1 WHERE id = 1").update();
    }

    /**
     * Changes an agent's state if it is in one of the allowed states, and stores the change. Returns nothing when
     * the agent is unknown or in another state (someone else changed it first).
     */
    Optional<Changed> transition(String workNumber, Transition change, Instant time, String instance) {
        // as the database keeps it, so that the agent returned is the one every instance reads
        Instant now = time.truncatedTo(ChronoUnit.MICROS);
        return transactions.execute(status -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                AgentRow current = agent(workNumber).orElse(null);
                if (current == null || !change.from().contains(current.state())
                        || (change.mustBeReachable() && !current.reachable())) {
                    return Optional.<Changed>empty();
                }
                PauseReason reason = change.to() == AgentState.PAUSED ? change.reason() : null;
                boolean keepsCall = change.to() == AgentState.RESERVED || change.to() == AgentState.ON_CALL
                        || change.to() == AgentState.WRAP_UP;
                String callId = keepsCall ? (change.callId() != null ? change.callId() : current.callId()) : null;
                int updated = db.sql("UPDATE agent SET state = ?, pause_reason = ?, state_since = ?, ready_since = ?,"
                                + " call_id = ?, version = version + 1"
                                + " WHERE work_number = ? AND state = ? AND version = ?")
                        .params(change.to().name(), reason == null ? null : reason.name(), ts(now),
                                change.to() == AgentState.READY ? ts(now) : null, callId, workNumber,
                                current.state().name(), current.version())
                        .update();
                if (updated == 1) {
                    // an instance reading the agent on this call (a desk page, the floor) reads the call's record
                    // next: what the call journal still holds of it (queued, answered) is committed with the change
                    calls.writePending(callId);
                    db.sql("INSERT INTO agent_state_change (work_number, from_state, to_state, pause_reason, call_id,"
                                    + " note, at, instance, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                            .params(workNumber, current.state().name(), change.to().name(),
                                    reason == null ? null : reason.name(), callId, truncate(change.note()), ts(now),
                                    instance, change.actor())
                            .update();
                    // every other change of the row moves its version too: the UPDATE's condition proves this is it
                    AgentRow after = new AgentRow(current.workNumber(), current.name(), current.endpoint(),
                            current.node(), current.username(), current.pinHash(), change.to(), reason, now,
                            change.to() == AgentState.READY ? now : null, callId, current.reachable(),
                            current.version() + 1);
                    return Optional.of(new Changed(after, new AgentStateChanged(workNumber, current.state(),
                            change.to(), reason, callId, change.note(), time)));
                }
            }
            return Optional.<Changed>empty();
        });
    }

    /** Records whether the agent's phone is reachable; returns the agent if that changed. */
    Optional<AgentRow> reachable(String workNumber, boolean reachable) {
        int updated = db.sql("UPDATE agent SET reachable = ?, version = version + 1 WHERE work_number = ?"
                + " AND reachable <> ?").params(reachable, workNumber, reachable).update();
        return updated == 1 ? agent(workNumber) : Optional.empty();
    }

    /** Moves a logged-out or ready agent to another phone; false (nothing changed) in any other state. */
    boolean moveTo(String workNumber, String node, String endpoint) {
        return db.sql("UPDATE agent SET node = ?, endpoint = ?, version = version + 1 WHERE work_number = ?"
                        + " AND state IN ('LOGGED_OUT', 'READY')")
                .params(node, endpoint, workNumber).update() > 0;
    }

    List<StateChange> history(String workNumber, Instant from, Instant to) {
        return db.sql("SELECT id, work_number, from_state, to_state, pause_reason, call_id, note, at, instance, actor"
                        + " FROM agent_state_change WHERE work_number = ? AND at >= ? AND at <= ? ORDER BY id")
                .params(workNumber, ts(from), ts(to))
                .query((rs, n) -> new StateChange(rs.getLong(1), rs.getString(2), AgentState.valueOf(rs.getString(3)),
                        AgentState.valueOf(rs.getString(4)), reason(rs.getString(5)), rs.getString(6),
                        rs.getString(7), instant(rs, 8), rs.getString(9), rs.getString(10)))
                .list();
    }

    private static AgentRow agent(ResultSet rs, int n) throws SQLException {
        return new AgentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), AgentState.valueOf(rs.getString(7)), reason(rs.getString(8)), instant(rs, 9),
                instant(rs, 10), rs.getString(11), rs.getBoolean(12), rs.getLong(13));
    }

    private static PauseReason reason(String value) {
        return value == null ? null : PauseReason.valueOf(value);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String note) {
        return note == null || note.length() <= 255 ? note : note.substring(0, 255);
    }
}
