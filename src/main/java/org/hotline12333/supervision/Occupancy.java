package org.hotline12333.supervision;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Occupancy (占用率) from the agents' state history: time on calls and in wrap-up over time staffed (ready, ringing,
 * on calls or in wrap-up; paused and logged-out time left out), per agent, per skill group and overall, over a
 * window of a day. Summed in the database, the same way on H2 and PostgreSQL: each state change lasts until the
 * agent's next one (or the end of the window); before an agent's first change of the window they were in that
 * change's {@code from} state; an agent with no change in the window was in one state throughout.
 */
final class Occupancy {

    private static final Set<String> STAFFED = Set.of("READY", "RESERVED", "ON_CALL", "WRAP_UP");
    private static final Set<String> BUSY = Set.of("ON_CALL", "WRAP_UP");

    private final JdbcClient db;
    private final String spans;

    Occupancy(JdbcClient db, boolean h2) {
        this.db = db;
        BinaryOperator<String> millis = h2 ? (from, to) -> "DATEDIFF('MILLISECOND', " + from + ", " + to + ")"
                : (from, to) -> "(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) * 1000)";
        String from = "CAST(:from AS TIMESTAMP WITH TIME ZONE)";
        String end = "CAST(:end AS TIMESTAMP WITH TIME ZONE)";
        this.spans = "WITH c AS (SELECT work_number, from_state, to_state, at,"
                + " LEAD(at) OVER (PARTITION BY work_number ORDER BY at, id) AS next_at,"
                + " ROW_NUMBER() OVER (PARTITION BY work_number ORDER BY at, id) AS rn"
                + " FROM agent_state_change WHERE at >= " + from + " AND at < " + end + ")"
                + " SELECT work_number, state, SUM(ms) FROM ("
                + " SELECT work_number, to_state AS state, " + millis.apply("at", "COALESCE(next_at, " + end + ")")
                + " AS ms FROM c"
                + " UNION ALL SELECT work_number, from_state AS state, " + millis.apply(from, "at")
                + " AS ms FROM c WHERE rn = 1) spans GROUP BY work_number, state";
    }

    /** One agent's, one group's or everyone's time. */
    record Time(long staffedMillis, long busyMillis) {

        Time plus(Time other) {
            return new Time(staffedMillis + other.staffedMillis, busyMillis + other.busyMillis);
        }

        Figures.Occupancy figures() {
            return new Figures.Occupancy(Math.round(staffedMillis / 1000.0), Math.round(busyMillis / 1000.0),
                    staffedMillis == 0 ? null : (double) busyMillis / staffedMillis);
        }
    }

    /** Each agent's time from {@code from} to {@code end}, by work number. */
    Map<String, Time> agents(Instant from, Instant end) {
        Map<String, Time> time = new TreeMap<>();
        db.sql(spans).param("from", utc(from)).param("end", utc(end)).query((ResultSet rs) -> {
            add(time, rs.getString(1), rs.getString(2), Math.round(rs.getDouble(3)));
        });
        long whole = end.toEpochMilli() - from.toEpochMilli();
        db.sql("SELECT a.work_number, COALESCE((SELECT n.from_state FROM agent_state_change n"
                        + " WHERE n.work_number = a.work_number AND n.at >= :end ORDER BY n.at, n.id"
                        + " FETCH FIRST 1 ROWS ONLY), a.state) FROM agent a WHERE NOT EXISTS (SELECT 1"
                        + " FROM agent_state_change c WHERE c.work_number = a.work_number AND c.at >= :from"
                        + " AND c.at < :end)")
                .param("from", utc(from)).param("end", utc(end))
                .query((ResultSet rs) -> {
                    add(time, rs.getString(1), rs.getString(2), whole);
                });
        return time;
    }

    /** Who served which groups from {@code from} to {@code end}: their profile, and groups a skill move gave them. */
    Map<String, Set<String>> members(Instant from, Instant end) {
        Map<String, Set<String>> members = new HashMap<>();
        db.sql("SELECT group_code, work_number FROM agent_skill UNION SELECT l.group_code, m.work_number"
                        + " FROM skill_move m JOIN skill_move_level l ON l.move_id = m.id WHERE l.level > 0"
                        + " AND m.created_at < :end AND (m.undone_at IS NULL OR m.undone_at > :from)"
                        + " AND (m.until_at IS NULL OR m.until_at > :from)")
                .param("from", utc(from)).param("end", utc(end))
                .query((ResultSet rs) -> {
                    members.computeIfAbsent(rs.getString(1), g -> new HashSet<>()).add(rs.getString(2));
                });
        return members;
    }

    /** Each agent's time in both. */
    static Map<String, Time> plus(Map<String, Time> one, Map<String, Time> other) {
        Map<String, Time> sum = new TreeMap<>(one);
        other.forEach((agent, time) -> sum.merge(agent, time, Time::plus));
        return sum;
    }

    private static void add(Map<String, Time> time, String agent, String state, long millis) {
        if (millis <= 0 || !STAFFED.contains(state)) {
            time.putIfAbsent(agent, new Time(0, 0));
            return;
        }
        time.merge(agent, new Time(millis, BUSY.contains(state) ? millis : 0), Time::plus);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
