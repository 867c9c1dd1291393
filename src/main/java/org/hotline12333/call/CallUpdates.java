package org.hotline12333.call;

import static org.hotline12333.sql.SqlTimes.utc;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * A call's rows as SQL on the connection of the transaction in progress: its start, its legs' starts, the changes
 * the {@link CallJournal} writes between its start and its end, and its end; and the two reads once per call, of the
 * first-asker (who last talked with this caller) and of the call's agent (whose recording it is). Not through
 * Hibernate: before each of its statements Hibernate flushed, checking every entity loaded so far in the transaction
 * (a batch of the journal's holds the changes of hundreds of calls), and the start and the end, on the caller's
 * thread, cost a persist, a select and a dirty check each (JFR of the AGI benchmark, docs/PERFORMANCE.md).
 *
 * <p>A value that must be written only once (the first queue, a leg's answer and end) is kept by the statement's
 * {@code SET} rather than by a condition in its {@code WHERE}: H2 picks the index on {@code queued_at} for
 * "{@code queued_at IS NULL}" over the primary key, and so walked every call not yet queued for each update. The end
 * is the exception, as whoever ends the call must learn whether it was still open; no index leads with
 * {@code ended_at}, and {@code CallUpdatesTest} checks that every statement finds its row by the primary key.
 */
@Component
class CallUpdates {

    static final String OPENED = "INSERT INTO calls (id, node, unique_id, channel, caller_number, caller_name,"
            + " dialled_number, script, handled_by, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String CLOSED = "UPDATE calls SET ended_by = ?, end_reason = ?, ended_at = ?"
            + " WHERE id = ? AND ended_at IS NULL";
    static final String LAST_AGENT = "SELECT agent FROM calls WHERE caller_number = ? AND connected_at >= ?"
            + " AND agent IS NOT NULL ORDER BY connected_at DESC FETCH FIRST 1 ROWS ONLY";
    static final String AGENT_OF = "SELECT agent FROM calls WHERE id = ?";
    static final String LEG_STARTED = "INSERT INTO call_leg (call_id, kind, party, agent, started_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    static final String QUEUED = "UPDATE calls SET skill_group = CASE WHEN queued_at IS NULL THEN ? ELSE skill_group END,"
            + " priority = CASE WHEN queued_at IS NULL THEN ? ELSE priority END,"
            + " call_data = CASE WHEN queued_at IS NULL THEN ? ELSE call_data END,"
            + " queued_at = COALESCE(queued_at, ?) WHERE id = ?";
    static final String CONNECTED = "UPDATE calls SET agent = ?, chosen_by = ?, choice_reason = ?,"
            + " connected_at = COALESCE(connected_at, ?), outcome = ? WHERE id = ?";
    static final String ROUTING_ENDED = "UPDATE calls SET outcome = ?, talk_ended_at = ? WHERE id = ?";
    static final String RATED = "UPDATE calls SET satisfaction = ? WHERE id = ?";
    static final String LEG_CHANNEL = "UPDATE call_leg SET channel = ? WHERE id = ?";
    static final String LEG_ANSWERED = "UPDATE call_leg SET answered_at = COALESCE(answered_at, ?) WHERE id = ?";
    static final String LEG_ENDED = "UPDATE call_leg SET outcome = CASE WHEN ended_at IS NULL THEN ? ELSE outcome END,"
            + " ended_at = COALESCE(ended_at, ?) WHERE id = ?";

    private final JdbcClient db;

    CallUpdates(JdbcClient db) {
        this.db = db;
    }

    void opened(String callId, NewCall call, String handledBy, Instant at) {
        db.sql(OPENED).params(callId, call.node(), call.uniqueId(), call.channel(), call.callerNumber(),
                call.callerName(), call.dialledNumber(), call.script(), handledBy, utc(at)).update();
    }

    /** Ends the call if it is still open; false when it had ended already. */
    boolean closed(String callId, EndedBy by, String reason, Instant at) {
        return db.sql(CLOSED).params(by.name(), reason, utc(at), callId).update() == 1;
    }

    /** The agent of this caller's call answered last since then, if any. */
    Optional<String> lastAgent(String callerNumber, Instant since) {
        return db.sql(LAST_AGENT).params(callerNumber, utc(since)).query(String.class).optional();
    }

    /** The agent the caller was put through to (the last one after transfers), if any. */
    Optional<String> agentOf(String callId) {
        return db.sql(AGENT_OF).param(callId).query(String.class).optional();
    }

    /** Only the first queue of a call is kept: its group, priority, time and data. */
    void queued(String callId, String group, int priority, Instant at, String callData) {
        db.sql(QUEUED).params(group, priority, callData, utc(at), callId).update();
    }

    /** The agent who answered; after a transfer the new agent replaces the old, the first answer's time stays. */
    void connected(String callId, String agent, String chosenBy, String reason, Instant at, CallOutcome outcome) {
        db.sql(CONNECTED).params(agent, chosenBy, reason, utc(at), outcome.name(), callId).update();
    }

    void routingEnded(String callId, CallOutcome outcome, Instant at) {
        db.sql(ROUTING_ENDED).params(outcome.name(), utc(at), callId).update();
    }

    void rated(String callId, Satisfaction satisfaction) {
        db.sql(RATED).params(satisfaction.name(), callId).update();
    }

    /** A new leg of the call; returns its id. */
    long legStarted(String callId, CallLegView.Kind kind, String party, String agent, Instant at) {
        KeyHolder id = new GeneratedKeyHolder();
        db.sql(LEG_STARTED).params(callId, kind.name(), party, agent, utc(at)).update(id, "id");
        return id.getKeyAs(Long.class);
    }

    void legChannel(long legId, String channel) {
        db.sql(LEG_CHANNEL).params(channel, legId).update();
    }

    /** The first answer counts. */
    void legAnswered(long legId, Instant at) {
        db.sql(LEG_ANSWERED).params(utc(at), legId).update();
    }

    /** A leg ends once: a later end changes nothing. */
    void legEnded(long legId, String outcome, Instant at) {
        db.sql(LEG_ENDED).params(outcome, utc(at), legId).update();
    }
}
