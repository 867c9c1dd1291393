package org.hotline12333.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The calls a case came from or concerns. */
@Component
class CaseCalls {

    enum Relation {
        /** the call the case was registered from */
        ORIGIN,
        /** a later call about the same matter */
        FOLLOW_UP,
        /** the call a complaint about staff is about (its recording goes to quality review) */
        COMPLAINED_ABOUT,
        /** a call the service made to the caller about the case: the reply's callback, the return visit (回访) */
        OUTREACH
    }

    record Link(String callId, Relation relation, Instant linkedAt, String linkedBy) {
    }

    private final JdbcClient db;

    CaseCalls(JdbcClient db) {
        this.db = db;
    }

    /** Links the call unless it is linked already; returns whether it was new. */
    boolean link(long caseId, String callId, Relation relation, String by, Instant at) {
        return db.sql("""
                INSERT INTO case_call (case_id, call_id, relation, linked_at, linked_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(caseId, callId, relation.name(), Timestamp.from(at), by).update() == 1;
    }

    List<Link> of(long caseId) {
        return db.sql("SELECT * FROM case_call WHERE case_id = ? ORDER BY linked_at, call_id").param(caseId)
                .query((rs, n) -> new Link(rs.getString("call_id"), Relation.valueOf(rs.getString("relation")),
                        rs.getTimestamp("linked_at").toInstant(), rs.getString("linked_by")))
                .list();
    }
}
