package org.hotline12333.supervision;

import static org.hotline12333.sql.SqlTimes.utc;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Occupancy (占用率) from the agents' state history: time on calls and in wrap-up over time staffed (ready, ringing,
 * on calls or in wrap-up; paused and logged-out time left out), per agent, per skill group and overall, over a
 * window of a day. Each state change lasts until the agent's next one (or the end of the window); before an agent's
 * first change of the window they were in that change's {@code from} state; an agent with no change in the window
 * was in one state throughout. The window's changes are read as they are and summed here: summed by the database,
 * with window functions ordering every agent's changes, it was 14 % of the service's CPU samples while the AGI
 * benchmark's calls ran (the floor asks every few seconds for the part of the day not settled yet,
 * {@link DayOccupancy}).
 */
final class Occupancy {

    private static final Set<String> STAFFED = Set.of("READY", "RESERVED", "ON_CALL", "WRAP_UP");
    private static final Set<String> BUSY = Set.of("ON_CALL", "WRAP_UP");
    private static final Duration AT_ONCE = Duration.ofHours(1);
    private static final Comparator<Change> IN_ORDER = Comparator.comparing(Change::at).thenComparingLong(Change::id);

    private final JdbcClient db;

    Occupancy(JdbcClient db) {
        this.db = db;
    }

    /** One row of the state history. */
    private record Change(long id, String from, String to, Instant at) {
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

    /**
     * Each agent's time from {@code from} to {@code end}, by work number; summed an hour at a time, so that a day's
     * state changes (a few hundred thousand in a busy centre) are not all held at once.
     */
    Map<String, Time> agents(Instant from, Instant end) {
        Instant until = earliest(from.plus(AT_ONCE), end);
        Map<String, Time> time = window(from, until);
        while (until.isBefore(end)) {
            Instant next = earliest(until.plus(AT_ONCE), end);
            time = plus(time, window(until, next));
            until = next;
        }
        return time;
    }

    private Map<String, Time> window(Instant from, Instant end) {
        Map<String, List<Change>> changes = new HashMap<>();
        db.sql("SELECT work_number, id, from_state, to_state, at FROM agent_state_change WHERE at >= :from"
                        + " AND at < :end")
                .param("from", utc(from)).param("end", utc(end))
                .query((ResultSet rs) -> {
                    changes.computeIfAbsent(rs.getString(1), agent -> new ArrayList<>()).add(new Change(rs.getLong(2),
                            rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
                });
        Map<String, Time> time = new TreeMap<>();
        changes.forEach((agent, theirs) -> {
            theirs.sort(IN_ORDER);
            add(time, agent, theirs.get(0).from(), millis(from, theirs.get(0).at()));
            for (int i = 0; i < theirs.size(); i++) {
                Instant until = i + 1 < theirs.size() ? theirs.get(i + 1).at() : end;
                add(time, agent, theirs.get(i).to(), millis(theirs.get(i).at(), until));
            }
        });
        long whole = millis(from, end);
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

    /** How many state changes were written from {@code from} to {@code end}. */
    long changes(Instant from, Instant end) {
        return db.sql("SELECT COUNT(*) FROM agent_state_change WHERE at >= :from AND at < :end")
                .param("from", utc(from)).param("end", utc(end)).query(Long.class).single();
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

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    /** As the database counted it: millisecond boundaries crossed. */
    private static long millis(Instant from, Instant to) {
        return to.toEpochMilli() - from.toEpochMilli();
    }
}
