package org.hotline12333.supervision;

import static org.hotline12333.sql.SqlTimes.utc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import javax.sql.DataSource;
import org.hotline12333.call.CallRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Computes the figures straight from the call records, so nothing is lost by a restart and every instance shows the
 * same numbers: one aggregate query over the day and the rolling 24-hour window together, each call counted where
 * it falls. Durations are millisecond differences in the database's own cheapest form: on a busy day (60,000 calls)
 * H2's {@code EXTRACT(EPOCH ...)} in exact decimals cost two seconds a refresh, {@code DATEDIFF} a tenth of that.
 */
@Component
class FigureQueries {

    private final JdbcClient db;
    private final String tally;
    private final Duration threshold;
    private final Duration shortAbandon;
    private final double target;
    private final ZoneId zone;
    private final Occupancy occupancy;
    private final DayOccupancy today;
    /** Writes what the call journal holds (queued, answered, the survey) before the calls' table is read. */
    private final Runnable pendingCalls;

    @Autowired
    FigureQueries(DataSource data, SupervisionProperties properties, CallRecords records) {
        this(data, properties.serviceLevelThreshold(), properties.shortAbandon(), properties.connectionRateTarget(),
                properties.zone(), records::writePending);
    }

    FigureQueries(DataSource data, Duration threshold, Duration shortAbandon, double target, ZoneId zone,
                  Runnable pendingCalls) {
        this.pendingCalls = pendingCalls;
        this.db = JdbcClient.create(data);
        boolean h2 = isH2(data);
        this.tally = tallySql(h2);
        this.occupancy = new Occupancy(db);
        this.today = new DayOccupancy(occupancy);
        this.threshold = threshold;
        this.shortAbandon = shortAbandon;
        this.target = target;
        this.zone = zone;
    }

    private static boolean isH2(DataSource data) {
        try {
            return "H2".equals(JdbcUtils.extractDatabaseMetaData(data, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database the figures are computed on", e);
        }
    }

    private static String tallySql(boolean h2) {
        BinaryOperator<String> millis = h2 ? (from, to) -> "DATEDIFF('MILLISECOND', " + from + ", " + to + ")"
                : (from, to) -> "(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) * 1000)";
        String wait = millis.apply("queued_at", "connected_at");
        String abandonWait = millis.apply("queued_at", "talk_ended_at");
        String handle = millis.apply("connected_at", "COALESCE(wrap_up_ended_at, talk_ended_at)");
        String inDay = "CASE WHEN queued_at >= :from AND queued_at < :to THEN 1 ELSE 0 END";
        String inWindow = "CASE WHEN queued_at >= :windowFrom AND queued_at < :windowTo THEN 1 ELSE 0 END";
        return "SELECT skill_group, in_day, in_window, COUNT(*),"
                + " SUM(CASE WHEN connected_at IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN outcome = 'ABANDONED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN outcome = 'ABANDONED' AND talk_ended_at IS NOT NULL AND " + abandonWait
                + " <= :short THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN outcome = 'CALLBACK_REQUESTED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN outcome = 'NOT_SERVED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN outcome IS NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN connected_at IS NOT NULL AND " + wait + " <= :threshold THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN connected_at IS NOT NULL THEN " + wait + " ELSE 0 END),"
                + " SUM(CASE WHEN connected_at IS NOT NULL AND talk_ended_at IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN connected_at IS NOT NULL AND talk_ended_at IS NOT NULL THEN " + handle
                + " ELSE 0 END),"
                + " SUM(CASE WHEN satisfaction = 'SATISFIED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN satisfaction = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN satisfaction = 'DISSATISFIED' THEN 1 ELSE 0 END)"
                + " FROM (SELECT skill_group, queued_at, connected_at, talk_ended_at, wrap_up_ended_at, outcome,"
                + " satisfaction, " + inDay + " AS in_day, " + inWindow + " AS in_window"
                + " FROM calls WHERE queued_at >= :scanFrom AND queued_at < :scanTo) counted"
                + " GROUP BY skill_group, in_day, in_window";
    }

    /** Today's figures, "today" in the configured zone; asked for at every refresh of the floor. */
    Figures today(Instant now) {
        return of(LocalDate.ofInstant(now, zone), now, today::agents);
    }

    /**
     * The figures of {@code date}; the connection rate counts the 24 hours up to now, or to the end of that day;
     * occupancy counts the day up to now.
     */
    Figures of(LocalDate date, Instant now) {
        return of(date, now, occupancy::agents);
    }

    private Figures of(LocalDate date, Instant now,
                       BiFunction<Instant, Instant, Map<String, Occupancy.Time>> occupancyOfAgents) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        Instant windowEnd = now.isBefore(to) ? now : to;
        Instant windowStart = windowEnd.minus(Duration.ofDays(1));
        Map<String, Tally> day = new TreeMap<>();
        Map<String, Tally> window = new TreeMap<>();
        pendingCalls.run();
        db.sql(tally)
                .param("short", shortAbandon.toMillis())
                .param("threshold", threshold.toMillis())
                .param("from", utc(from))
                .param("to", utc(to))
                .param("windowFrom", utc(windowStart))
                .param("windowTo", utc(windowEnd))
                .param("scanFrom", utc(from.isBefore(windowStart) ? from : windowStart))
                .param("scanTo", utc(to.isAfter(windowEnd) ? to : windowEnd))
                .query((ResultSet rs) -> {
                    String group = rs.getString(1) == null ? "" : rs.getString(1);
                    Tally tally = Tally.of(rs);
                    if (rs.getInt(2) == 1) {
                        day.computeIfAbsent(group, g -> new Tally()).add(tally);
                    }
                    if (rs.getInt(3) == 1) {
                        window.computeIfAbsent(group, g -> new Tally()).add(tally);
                    }
                });
        Map<String, Occupancy.Time> agents = occupancyOfAgents.apply(from, windowEnd);
        Map<String, Occupancy.Time> staffing = new TreeMap<>();
        occupancy.members(from, windowEnd).forEach((group, members) -> members.stream().map(agents::get)
                .filter(Objects::nonNull).forEach(time -> staffing.merge(group, time, Occupancy.Time::plus)));
        Occupancy.Time everyone = agents.values().stream().reduce(new Occupancy.Time(0, 0), Occupancy.Time::plus);
        List<Figures.GroupFigures> groups = new ArrayList<>();
        Tally dayTotal = new Tally();
        Tally windowTotal = new Tally();
        Set<String> codes = new TreeSet<>(day.keySet());
        staffing.forEach((group, time) -> {
            if (time.staffedMillis() > 0) {
                codes.add(group);
            }
        });
        for (String group : codes) {
            Tally tally = day.getOrDefault(group, new Tally());
            dayTotal.add(tally);
            groups.add(figures(group, tally, window.getOrDefault(group, new Tally()),
                    staffing.getOrDefault(group, new Occupancy.Time(0, 0))));
        }
        window.values().forEach(windowTotal::add);
        List<Figures.AgentOccupancy> perAgent = new ArrayList<>();
        agents.forEach((agent, time) -> {
            if (time.staffedMillis() > 0) {
                perAgent.add(new Figures.AgentOccupancy(agent, time.figures()));
            }
        });
        return new Figures(date, zone.getId(), now, threshold.toSeconds(), shortAbandon.toSeconds(), target,
                windowStart, windowEnd, figures(null, dayTotal, windowTotal, everyone), groups, perAgent);
    }

    private Figures.GroupFigures figures(String group, Tally day, Tally window, Occupancy.Time staffed) {
        long decided = day.offered - day.waiting - day.shortAbandoned;
        long surveyed = day.satisfied + day.basicallySatisfied + day.dissatisfied;
        long windowDecided = window.offered - window.waiting - window.shortAbandoned;
        Double rate = ratio(window.answered, windowDecided);
        return new Figures.GroupFigures(group, day.offered, day.answered, day.abandoned, day.shortAbandoned,
                day.callbackRequested, day.notServed, day.waiting, day.within, ratio(day.within, decided),
                mean(day.answerWait, day.answered), mean(day.handle, day.handled), surveyed, day.satisfied,
                day.basicallySatisfied, day.dissatisfied, ratio(day.satisfied + day.basicallySatisfied, surveyed),
                new Figures.ConnectionRate(Math.max(windowDecided, 0), window.answered, rate,
                        rate != null && rate >= target), staffed.figures());
    }

    private static Double ratio(long part, long whole) {
        return whole <= 0 ? null : (double) part / whole;
    }

    private static Double mean(double sum, long count) {
        return count == 0 ? null : Math.round(sum / count * 10) / 10.0;
    }

    /** Sums over a set of calls; added together for the overall figures. */
    private static final class Tally {
        long offered;
        long answered;
        long abandoned;
        long shortAbandoned;
        long callbackRequested;
        long notServed;
        long waiting;
        long within;
        double answerWait;
        long handled;
        double handle;
        long satisfied;
        long basicallySatisfied;
        long dissatisfied;

        static Tally of(ResultSet rs) throws SQLException {
            Tally tally = new Tally();
            tally.offered = rs.getLong(4);
            tally.answered = rs.getLong(5);
            tally.abandoned = rs.getLong(6);
            tally.shortAbandoned = rs.getLong(7);
            tally.callbackRequested = rs.getLong(8);
            tally.notServed = rs.getLong(9);
            tally.waiting = rs.getLong(10);
            tally.within = rs.getLong(11);
            tally.answerWait = rs.getDouble(12) / 1000;
            tally.handled = rs.getLong(13);
            tally.handle = rs.getDouble(14) / 1000;
            tally.satisfied = rs.getLong(15);
            tally.basicallySatisfied = rs.getLong(16);
            tally.dissatisfied = rs.getLong(17);
            return tally;
        }

        void add(Tally other) {
            offered += other.offered;
            answered += other.answered;
            abandoned += other.abandoned;
            shortAbandoned += other.shortAbandoned;
            callbackRequested += other.callbackRequested;
            notServed += other.notServed;
            waiting += other.waiting;
            within += other.within;
            answerWait += other.answerWait;
            handled += other.handled;
            handle += other.handle;
            satisfied += other.satisfied;
            basicallySatisfied += other.basicallySatisfied;
            dissatisfied += other.dissatisfied;
        }
    }
}
