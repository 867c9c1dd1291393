package org.hotline12333.outreach;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline12333.privacy.Mask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.hotline12333.sql.SqlTimes.instant;
import static org.hotline12333.outreach.OutboxStore.ts;

/** The return visits (回访) and each one's latest attempt; transitions are conditional so instances take turns. */
@Repository
class ReturnVisitStore {

    enum Kind { CASE, CALL }

    enum State {
        PENDING("待回访"), DIALLING("呼叫中"), IN_CALL("通话中"), ANSWERED("已回访"), NO_ANSWER("未接通"),
        HUNG_UP("中途挂断"), TO_PERSON("转人工"), SKIPPED("不回访"), FAILED("呼叫失败");

        final String chinese;

        State(String chinese) {
            this.chinese = chinese;
        }
    }

    record Visit(long id, Kind kind, String recipient, String caseNumber, String originCallId, String agent,
                 String department, State state, int attempts, Instant dueAt, String attemptId, Instant attemptAt,
                 String lastResult, String answer, Instant answeredAt, String callId, Instant createdAt) {
    }

    /** A visit as supervisors see it (the number masked). */
    record View(long id, Kind kind, String recipient, String caseNumber, String originCallId, String agent,
                String department, State state, String stateName, int attempts, Instant dueAt, Instant attemptAt,
                String lastResult, String answer, Instant answeredAt, String callId) {
    }

    private static final String COLUMNS = "id, kind, recipient, case_number, origin_call_id, agent, department, state,"
            + " attempts, due_at, attempt_id, attempt_at, last_result, answer, answered_at, call_id, created_at";

    private final JdbcClient db;

    ReturnVisitStore(JdbcClient db) {
        this.db = db;
    }

    void insert(Kind kind, String recipient, String caseNumber, String originCallId, String agent, String department,
                State state, Instant due, String result, Instant now) {
        db.sql("INSERT INTO return_visit (kind, recipient, case_number, origin_call_id, agent, department, state,"
                        + " due_at, last_result, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(kind.name(), recipient == null ? "" : recipient, caseNumber, originCallId, agent, department,
                        state.name(), ts(due), result, ts(now), ts(now))
                .update();
    }

    List<Visit> due(Instant now, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM return_visit WHERE state = 'PENDING' AND due_at <= ?"
                        + " ORDER BY due_at, id").param(ts(now)).query(ReturnVisitStore::visit).list().stream()
                .limit(limit).toList();
    }

    /** Attempts Asterisk never reported on since {@code before}: taken as unanswered. */
    List<Visit> silentSince(Instant before) {
        return db.sql("SELECT " + COLUMNS + " FROM return_visit WHERE state = 'DIALLING' AND attempt_at < ?")
                .param(ts(before)).query(ReturnVisitStore::visit).list();
    }

    Optional<Visit> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM return_visit WHERE id = ?").param(id)
                .query(ReturnVisitStore::visit).optional();
    }

    Optional<Visit> byAttempt(String attemptId) {
        return db.sql("SELECT " + COLUMNS + " FROM return_visit WHERE attempt_id = ?").param(attemptId)
                .query(ReturnVisitStore::visit).optional();
    }

    boolean claim(long id, String attemptId, Instant now) {
        return db.sql("UPDATE return_visit SET state = 'DIALLING', attempt_id = ?, attempt_at = ?,"
                        + " attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'PENDING'")
                .params(attemptId, ts(now), ts(now), id).update() == 1;
    }

    /** Moves a visit on, if it is still in one of {@code from} (and on this attempt, when one is named). */
    boolean move(long id, String attemptId, List<State> from, State to, Instant due, String result, Instant now) {
        String states = String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList());
        List<Object> params = new ArrayList<>(List.of(to.name()));
        params.add(ts(due));
        params.add(cut(result));
        params.add(ts(now));
        params.add(id);
        if (attemptId != null) {
            params.add(attemptId);
        }
        return db.sql("UPDATE return_visit SET state = ?, due_at = COALESCE(?, due_at), last_result = ?,"
                        + " updated_at = ? WHERE id = ? AND state IN (" + states + ")"
                        + (attemptId == null ? "" : " AND attempt_id = ?"))
                .params(params).update() == 1;
    }

    void inCall(long id, String callId, Instant now) {
        db.sql("UPDATE return_visit SET state = 'IN_CALL', call_id = ?, last_result = 'answered the phone',"
                + " updated_at = ? WHERE id = ?").params(callId, ts(now), id).update();
    }

    void answered(long id, String answer, Instant now) {
        db.sql("UPDATE return_visit SET state = 'ANSWERED', answer = ?, answered_at = ?, last_result = ?,"
                + " updated_at = ? WHERE id = ?").params(answer, ts(now), "answered " + answer, ts(now), id).update();
    }

    boolean exists(Kind kind, String caseNumber, String originCallId) {
        return db.sql("SELECT COUNT(*) FROM return_visit WHERE kind = ? AND (case_number = ? OR origin_call_id = ?)"
                        + " AND state NOT IN ('ANSWERED', 'NO_ANSWER', 'HUNG_UP', 'TO_PERSON', 'SKIPPED', 'FAILED')")
                .params(kind.name(), caseNumber, originCallId).query(Long.class).single() > 0;
    }

    List<View> search(State state, String caseNumber, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            where.append(" AND state = ?");
            params.add(state.name());
        }
        if (caseNumber != null) {
            where.append(" AND case_number = ?");
            params.add(caseNumber);
        }
        return db.sql("SELECT " + COLUMNS + " FROM return_visit" + where + " ORDER BY id DESC").params(params)
                .query(ReturnVisitStore::visit).list().stream().limit(limit).map(ReturnVisitStore::view).toList();
    }

    static View view(Visit v) {
        return new View(v.id(), v.kind(), Mask.phone(v.recipient()), v.caseNumber(), v.originCallId(), v.agent(),
                v.department(), v.state(), v.state().chinese, v.attempts(), v.dueAt(), v.attemptAt(), v.lastResult(),
                v.answer(), v.answeredAt(), v.callId());
    }

    private static Visit visit(ResultSet rs, int n) throws SQLException {
        return new Visit(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), State.valueOf(rs.getString(8)), rs.getInt(9),
                instant(rs, 10), rs.getString(11), instant(rs, 12), rs.getString(13), rs.getString(14),
                instant(rs, 15), rs.getString(16), instant(rs, 17));
    }

    private static String cut(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }
}
