package org.hotline12333.supervision;

import static org.hotline12333.sql.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.telephony.SpyMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Every monitoring session and each mode it was in, in the database: who listened to which call, how, when. */
@Repository
class MonitorLog {

    private static final String COLUMNS = "id, supervisor, call_id, agent, node, supervisor_endpoint, mode, started_at,"
            + " ended_at, end_reason, spied_channel, spy_channel_id";

    private final JdbcClient db;

    MonitorLog(JdbcClient db) {
        this.db = db;
    }

    /** A session as stored, with what only the service needs (the channels). */
    record Session(MonitorView view, String spiedChannel, String spyChannelId) {
    }

    /** Stores a new session in its first mode; returns its id. */
    @Transactional
    long started(String supervisor, String callId, String agent, String node, String endpoint, String spiedChannel,
                 String spyChannelId, SpyMode mode, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        db.sql("INSERT INTO monitor_session (supervisor, call_id, agent, node, supervisor_endpoint, spied_channel,"
                        + " spy_channel_id, mode, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(supervisor, callId, agent, node, endpoint, spiedChannel, spyChannelId, mode.name(),
                        Timestamp.from(at))
                .update(key, "id");
        long id = key.getKey().longValue();
        db.sql("INSERT INTO monitor_mode (session_id, mode, from_at) VALUES (?, ?, ?)")
                .params(id, mode.name(), Timestamp.from(at)).update();
        return id;
    }

    @Transactional
    void modeChanged(long id, SpyMode mode, Instant at) {
        db.sql("UPDATE monitor_mode SET to_at = ? WHERE session_id = ? AND to_at IS NULL")
                .params(Timestamp.from(at), id).update();
        db.sql("INSERT INTO monitor_mode (session_id, mode, from_at) VALUES (?, ?, ?)")
                .params(id, mode.name(), Timestamp.from(at)).update();
        db.sql("UPDATE monitor_session SET mode = ? WHERE id = ?").params(mode.name(), id).update();
    }

    /** The supervisor's phone is rung again (a mode change before they answered): its channel's new unique id. */
    @Transactional
    void respied(long id, String spyChannelId) {
        db.sql("UPDATE monitor_session SET spy_channel_id = ? WHERE id = ?").params(spyChannelId, id).update();
    }

    /** Ends a session once; returns whether this call ended it. */
    @Transactional
    boolean ended(long id, String reason, Instant at) {
        int updated = db.sql("UPDATE monitor_session SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL")
                .params(Timestamp.from(at), reason.length() <= 255 ? reason : reason.substring(0, 255), id).update();
        if (updated == 1) {
            db.sql("UPDATE monitor_mode SET to_at = ? WHERE session_id = ? AND to_at IS NULL")
                    .params(Timestamp.from(at), id).update();
        }
        return updated == 1;
    }

    @Transactional(readOnly = true)
    Optional<Session> find(long id) {
        return sessions("WHERE id = ?", List.of(id), 1).stream().findFirst();
    }

    @Transactional(readOnly = true)
    List<Session> open() {
        return sessions("WHERE ended_at IS NULL", List.of(), 10_000);
    }

    /** Sessions started between two times, newest first, optionally of one supervisor or one call. */
    @Transactional(readOnly = true)
    List<MonitorView> between(Instant from, Instant to, String supervisor, String callId, int limit) {
        StringBuilder where = new StringBuilder("WHERE started_at >= ? AND started_at <= ?");
        List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        if (supervisor != null && !supervisor.isBlank()) {
            where.append(" AND supervisor = ?");
            params.add(supervisor);
        }
        if (callId != null && !callId.isBlank()) {
            where.append(" AND call_id = ?");
            params.add(callId);
        }
        return sessions(where.toString(), params, limit).stream().map(Session::view).toList();
    }

    private List<Session> sessions(String where, List<Object> params, int limit) {
        Map<Long, Session> sessions = new LinkedHashMap<>();
        db.sql("SELECT " + COLUMNS + " FROM monitor_session " + where + " ORDER BY started_at DESC, id DESC")
                .params(params).query((ResultSet rs) -> {
                    if (sessions.size() < limit) {
                        sessions.put(rs.getLong(1), session(rs));
                    }
                });
        if (sessions.isEmpty()) {
            return List.of();
        }
        Map<Long, List<MonitorView.Period>> periods = new LinkedHashMap<>();
        String ids = String.join(",", sessions.keySet().stream().map(String::valueOf).toList());
        db.sql("SELECT session_id, mode, from_at, to_at FROM monitor_mode WHERE session_id IN (" + ids + ")"
                + " ORDER BY from_at, id").query((ResultSet rs) -> {
                    periods.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new MonitorView.Period(
                            SpyMode.valueOf(rs.getString(2)), instant(rs, 3), instant(rs, 4)));
                });
        List<Session> result = new ArrayList<>();
        sessions.forEach((id, s) -> {
            MonitorView v = s.view();
            result.add(new Session(new MonitorView(v.id(), v.supervisor(), v.callId(), v.agent(), v.node(),
                    v.supervisorEndpoint(), v.mode(), v.startedAt(), v.endedAt(), v.endReason(),
                    List.copyOf(periods.getOrDefault(id, List.of()))), s.spiedChannel(), s.spyChannelId()));
        });
        return result;
    }

    private static Session session(ResultSet rs) throws SQLException {
        return new Session(new MonitorView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), SpyMode.valueOf(rs.getString(7)), instant(rs, 8), instant(rs, 9),
                rs.getString(10), List.of()), rs.getString(11), rs.getString(12));
    }
}
