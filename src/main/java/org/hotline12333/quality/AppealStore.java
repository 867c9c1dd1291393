package org.hotline12333.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Appeals in the database: at most one per call, kept with its decision for good. */
@Repository
class AppealStore {

    private final JdbcClient db;

    AppealStore(JdbcClient db) {
        this.db = db;
    }

    enum State {
        /** Waiting for a supervisor other than the scorer; the recording is on appeal hold. */
        OPEN,
        /** Decided: the score stands. */
        SCORE_KEPT,
        /** Decided: the deciding supervisor scored the call again; that revision is the call's score now. */
        SCORE_REVISED
    }

    /**
     * @param scoreId        the score appealed against
     * @param appellant      the user who appealed
     * @param revisedScoreId the revision the decision made, when the score was revised
     */
    record Appeal(long id, String callId, String scoreId, String agent, String appellant, String reason,
                  Instant openedAt, State state, String decidedBy, Instant decidedAt, String decisionNote,
                  String revisedScoreId) {
    }

    long insert(String callId, String scoreId, String agent, String appellant, String reason, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        db.sql("""
                INSERT INTO quality_appeal (call_id, score_id, agent, appellant, reason, opened_at, state)
                VALUES (?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(callId, scoreId, agent, appellant, reason, Timestamp.from(at)).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Records the decision, unless someone decided it first; returns whether this decision counts. */
    boolean decide(long id, State state, String by, Instant at, String note, String revisedScoreId) {
        return db.sql("""
                UPDATE quality_appeal SET state = ?, decided_by = ?, decided_at = ?, decision_note = ?,
                    revised_score_id = ? WHERE id = ? AND state = 'OPEN'""")
                .params(state.name(), by, Timestamp.from(at), note, revisedScoreId, id).update() == 1;
    }

    Optional<Appeal> find(long id) {
        return db.sql("SELECT * FROM quality_appeal WHERE id = ?").param(id).query(AppealStore::appeal).optional();
    }

    Optional<Appeal> ofCall(String callId) {
        return db.sql("SELECT * FROM quality_appeal WHERE call_id = ?").param(callId).query(AppealStore::appeal)
                .optional();
    }

    /** Appeals in one state (or all), oldest first. */
    List<Appeal> list(State state, String agent, int limit) {
        JdbcClient.StatementSpec query = db.sql("SELECT * FROM quality_appeal WHERE 1 = 1"
                + (state == null ? "" : " AND state = :state") + (agent == null ? "" : " AND agent = :agent")
                + " ORDER BY opened_at, id LIMIT :limit").param("limit", limit);
        if (state != null) {
            query = query.param("state", state.name());
        }
        if (agent != null) {
            query = query.param("agent", agent);
        }
        return query.query(AppealStore::appeal).list();
    }

    private static Appeal appeal(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Appeal(rs.getLong("id"), rs.getString("call_id"), rs.getString("score_id"), rs.getString("agent"),
                rs.getString("appellant"), rs.getString("reason"), rs.getTimestamp("opened_at").toInstant(),
                State.valueOf(rs.getString("state")), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("decision_note"),
                rs.getString("revised_score_id"));
    }
}
