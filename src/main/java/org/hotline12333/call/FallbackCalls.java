package org.hotline12333.call;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.hotline12333.sql.RowIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calls the service never saw, stored afterwards from Asterisk's records of them: closed at once, handled by
 * {@value FallbackCall#HANDLER}, ended by {@link EndedBy#FALLBACK}, counted in the figures like any call that
 * reached a queue (skill group {@value FallbackCall#HANDLER}). No event is published: the call is long over.
 */
@Component
public class FallbackCalls {

    private final JdbcClient db;

    FallbackCalls(JdbcClient db) {
        this.db = db;
    }

    /** Whether the service has a record of this call already (it saw it, or it was imported before). */
    @Transactional(readOnly = true)
    public Optional<String> known(String node, String uniqueId) {
        return db.sql("SELECT id FROM calls WHERE node = ? AND unique_id = ? ORDER BY started_at LIMIT 1")
                .params(node, uniqueId).query(String.class).optional();
    }

    /** Stores the call unless it is known; returns the new record's id, or empty when it was known. */
    @Transactional
    public Optional<String> importCall(FallbackCall call) {
        if (known(call.node(), call.uniqueId()).isPresent()) {
            return Optional.empty();
        }
        String id = RowIds.next();
        boolean answered = call.outcome() == CallOutcome.ANSWERED;
        db.sql("INSERT INTO calls (id, node, unique_id, channel, caller_number, dialled_number, handled_by,"
                        + " started_at, ended_at, ended_by, end_reason, skill_group, priority, queued_at, connected_at,"
                        + " talk_ended_at, agent, chosen_by, choice_reason, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, call.node(), call.uniqueId(), call.channel(), call.callerNumber(), call.dialledNumber(),
                        FallbackCall.HANDLER, ts(call.startedAt()), ts(call.endedAt()), EndedBy.FALLBACK.name(),
                        truncate(call.reason(), 255), call.queuedAt() == null ? null : FallbackCall.HANDLER,
                        ts(call.queuedAt()), ts(answered ? call.connectedAt() : null),
                        ts(answered || call.queuedAt() != null ? call.endedAt() : null), answered ? call.agent() : null,
                        answered ? FallbackCall.HANDLER : null,
                        answered ? "answered in Asterisk's fallback queue" : null,
                        call.queuedAt() == null ? null : call.outcome().name())
                .update();
        return Optional.of(id);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
