package org.hotline12333.routing;

import static org.hotline12333.sql.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Forced states waiting for an agent's call to end ({@code agent_pending_state}): at most one per agent. */
@Repository
class PendingStates {

    private final JdbcClient db;

    PendingStates(JdbcClient db) {
        this.db = db;
    }

    /** Stores the state, replacing one still waiting. */
    @Transactional
    void put(String workNumber, PendingState pending) {
        db.sql("DELETE FROM agent_pending_state WHERE work_number = ?").param(workNumber).update();
        db.sql("INSERT INTO agent_pending_state (work_number, state, pause_reason, requested_by, requested_at, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(workNumber, pending.state().name(),
                        pending.pauseReason() == null ? null : pending.pauseReason().name(), pending.by(),
                        AgentStore.ts(pending.at()), pending.reason())
                .update();
    }

    Optional<PendingState> find(String workNumber) {
        return db.sql("SELECT state, pause_reason, requested_by, requested_at, reason FROM agent_pending_state"
                + " WHERE work_number = ?").param(workNumber).query(PendingStates::pending).optional();
    }

    Map<String, PendingState> all() {
        Map<String, PendingState> all = new HashMap<>();
        db.sql("SELECT state, pause_reason, requested_by, requested_at, reason, work_number FROM agent_pending_state")
                .query((ResultSet rs) -> {
                    all.put(rs.getString(6), pending(rs, 0));
                });
        return all;
    }

    /**
     * Takes this pending state away to apply it; false when it is gone or was replaced meanwhile (another thread or
     * instance took it, or a supervisor asked for another).
     */
    boolean take(String workNumber, PendingState pending) {
        return db.sql("DELETE FROM agent_pending_state WHERE work_number = ? AND requested_at = ? AND requested_by = ?")
                .params(workNumber, AgentStore.ts(pending.at()), pending.by()).update() == 1;
    }

    void clear(String workNumber) {
        db.sql("DELETE FROM agent_pending_state WHERE work_number = ?").param(workNumber).update();
    }

    private static PendingState pending(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString(2);
        return new PendingState(AgentState.valueOf(rs.getString(1)), reason == null ? null : PauseReason.valueOf(reason),
                rs.getString(3), instant(rs, 4), rs.getString(5));
    }
}
