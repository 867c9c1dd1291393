package org.hotline12333.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who read cases: they hold personal data, so every view of one and every list is recorded. */
@Component
class CaseAccessLog {

    enum Action {
        /** read one case */
        VIEW,
        /** read a list of cases; the detail says which */
        SEARCH
    }

    record Access(Instant at, String username, Action action, String caseNumber, String detail) {
    }

    private final JdbcClient db;
    private final Clock clock;

    CaseAccessLog(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void viewed(String username, String caseNumber) {
        insert(username, Action.VIEW, caseNumber, null);
    }

    void searched(String username, String what) {
        insert(username, Action.SEARCH, null, what.length() <= 500 ? what : what.substring(0, 500));
    }

    /** The newest first; {@code caseNumber} null: every access. */
    List<Access> find(String caseNumber, int limit) {
        String where = caseNumber == null ? "" : " WHERE case_number = :number";
        var query = db.sql("SELECT * FROM case_access" + where + " ORDER BY id DESC LIMIT :limit")
                .param("limit", limit);
        return (caseNumber == null ? query : query.param("number", caseNumber))
                .query((rs, n) -> new Access(rs.getTimestamp("happened_at").toInstant(), rs.getString("username"),
                        Action.valueOf(rs.getString("action")), rs.getString("case_number"), rs.getString("detail")))
                .list();
    }

    private void insert(String username, Action action, String caseNumber, String detail) {
        db.sql("INSERT INTO case_access (happened_at, username, action, case_number, detail) VALUES (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), username, action.name(), caseNumber, detail).update();
    }
}
