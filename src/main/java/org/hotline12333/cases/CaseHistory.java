package org.hotline12333.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that happened to a case: who, when, what, why. Append-only: this class only inserts and reads, nothing
 * in the service updates or deletes an entry, and on PostgreSQL a trigger refuses it (db/postgresql).
 */
@Component
class CaseHistory {

    /** The actor of what the service does by itself (reminders, escalation). */
    static final String SYSTEM = "system";

    enum Action {
        REGISTERED, NOTE, CALL_LINKED, HANDED_OFF, SIGNED_FOR, RETURNED, REPLIED, CLOSED, REOPENED, REASSIGNED,
        OWNER_CHANGED, EXTENSION_REQUESTED, EXTENDED, REMINDED, ESCALATED, QUALITY_REVIEW, CONTACTED, RETURN_VISIT
    }

    /**
     * @param department the case's department at the time (the one it was handed to, that returned it...)
     * @param text       what was said: the note, the reason, the reply, the instructions
     */
    record Entry(Instant at, String actor, Action action, CaseState from, CaseState to, String department,
                 String text) {
    }

    private final JdbcClient db;

    CaseHistory(JdbcClient db) {
        this.db = db;
    }

    /** Adds an entry in the transaction that changes the case: both are stored, or neither. */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(CaseRecord c, String actor, Action action, CaseState from, String text, Instant at) {
        db.sql("""
                INSERT INTO case_history (case_id, happened_at, actor, action, from_state, to_state, department_code,
                    text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), Timestamp.from(at), actor, action.name(), from == null ? null : from.name(),
                        c.state().name(), c.department(), text)
                .update();
    }

    List<Entry> of(long caseId) {
        return db.sql("SELECT * FROM case_history WHERE case_id = ? ORDER BY id").param(caseId)
                .query((rs, n) -> new Entry(rs.getTimestamp("happened_at").toInstant(), rs.getString("actor"),
                        Action.valueOf(rs.getString("action")), state(rs.getString("from_state")),
                        state(rs.getString("to_state")), rs.getString("department_code"), rs.getString("text")))
                .list();
    }

    private static CaseState state(String name) {
        return name == null ? null : CaseState.valueOf(name);
    }
}
