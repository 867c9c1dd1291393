package org.hotline12333.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes the figures straight from the call records with one aggregate query per window, so nothing is lost by a
 * restart and every instance shows the same numbers. Portable between H2 and PostgreSQL: durations are differences
 * of {@code EXTRACT(EPOCH FROM ...)}.
 */
@Component
class FigureQueries {

    private static final String WAIT = "(EXTRACT(EPOCH FROM connected_at) - EXTRACT(EPOCH FROM queued_at))";
    private static final String ABANDON_WAIT = "(EXTRACT(EPOCH FROM talk_ended_at) - EXTRACT(EPOCH FROM queued_at))";
    private static final String HANDLE = "(EXTRACT(EPOCH FROM COALESCE(wrap_up_ended_at, talk_ended_at))"
            + " - EXTRACT(EPOCH FROM connected_at))";
    private static final String TALLY = "SELECT skill_group, COUNT(*),"
            + " SUM(CASE WHEN connected_at IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN outcome = 'ABANDONED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN outcome = 'ABANDONED' AND talk_ended_at IS NOT NULL AND " + ABANDON_WAIT
            + " <= :short THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN outcome = 'CALLBACK_REQUESTED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN outcome = 'NOT_SERVED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN outcome IS NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN connected_at IS NOT NULL AND " + WAIT + " <= :threshold THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN connected_at IS NOT NULL THEN " + WAIT + " ELSE 0 END),"
            + " SUM(CASE WHEN connected_at IS NOT NULL AND talk_ended_at IS NOT NULL THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN connected_at IS NOT NULL AND talk_ended_at IS NOT NULL THEN " + HANDLE + " ELSE 0 END),"
            + " SUM(CASE WHEN satisfaction = 'SATISFIED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN satisfaction = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN satisfaction = 'DISSATISFIED' THEN 1 ELSE 0 END)"
            + " FROM calls WHERE queued_at >= :from AND queued_at < :to GROUP BY skill_group";

    private final JdbcClient db;
    private final Duration threshold;
    private final Duration shortAbandon;
    private final double target;
    private final ZoneId zone;

    @Autowired
    FigureQueries(JdbcClient db, SupervisionProperties properties) {
        this(db, properties.serviceLevelThreshold(), properties.shortAbandon(), properties.connectionRateTarget(),
                properties.zone());
    }

    FigureQueries(JdbcClient db, Duration threshold, Duration shortAbandon, double target, ZoneId zone) {
        this.db = db;
        this.threshold = threshold;
        this.shortAbandon = shortAbandon;
        this.target = target;
        this.zone = zone;
    }

    /** Today's figures, "today" in the configured zone. */
    Figures today(Instant now) {
        return of(LocalDate.ofInstant(now, zone), now);
    }

    /** The figures of {@code date}; the connection rate counts the 24 hours up to now, or to the end of that day. */
    Figures of(LocalDate date, Instant now) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        Instant windowEnd = now.isBefore(to) ? now : to;
        Instant windowStart = windowEnd.minus(Duration.ofDays(1));
        Map<String, Tally> day = tallies(from, to);
        Map<String, Tally> window = tallies(windowStart, windowEnd);
        List<Figures.GroupFigures> groups = new ArrayList<>();
        Tally dayTotal = new Tally();
        Tally windowTotal = new Tally();
        for (String group : day.keySet()) {
            Tally tally = day.get(group);
            dayTotal.add(tally);
            groups.add(figures(group, tally, window.getOrDefault(group, new Tally())));
        }
        window.values().forEach(windowTotal::add);
        return new Figures(date, zone.getId(), now, threshold.toSeconds(), shortAbandon.toSeconds(), target,
                windowStart, windowEnd, figures(null, dayTotal, windowTotal), groups);
    }

    private Map<String, Tally> tallies(Instant from, Instant to) {
        Map<String, Tally> tallies = new TreeMap<>();
        db.sql(TALLY)
                .param("short", seconds(shortAbandon))
                .param("threshold", seconds(threshold))
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((ResultSet rs) -> {
                    tallies.put(rs.getString(1) == null ? "" : rs.getString(1), Tally.of(rs));
                });
        return tallies;
    }

    private Figures.GroupFigures figures(String group, Tally day, Tally window) {
        long decided = day.offered - day.waiting - day.shortAbandoned;
        long surveyed = day.satisfied + day.basicallySatisfied + day.dissatisfied;
        long windowDecided = window.offered - window.waiting - window.shortAbandoned;
        Double rate = ratio(window.answered, windowDecided);
        return new Figures.GroupFigures(group, day.offered, day.answered, day.abandoned, day.shortAbandoned,
                day.callbackRequested, day.notServed, day.waiting, day.within, ratio(day.within, decided),
                mean(day.answerWait, day.answered), mean(day.handle, day.handled), surveyed, day.satisfied,
                day.basicallySatisfied, day.dissatisfied, ratio(day.satisfied + day.basicallySatisfied, surveyed),
                new Figures.ConnectionRate(Math.max(windowDecided, 0), window.answered, rate,
                        rate != null && rate >= target));
    }

    private static Double ratio(long part, long whole) {
        return whole <= 0 ? null : (double) part / whole;
    }

    private static Double mean(double sum, long count) {
        return count == 0 ? null : Math.round(sum / count * 10) / 10.0;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
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
            tally.offered = rs.getLong(2);
            tally.answered = rs.getLong(3);
            tally.abandoned = rs.getLong(4);
            tally.shortAbandoned = rs.getLong(5);
            tally.callbackRequested = rs.getLong(6);
            tally.notServed = rs.getLong(7);
            tally.waiting = rs.getLong(8);
            tally.within = rs.getLong(9);
            tally.answerWait = rs.getDouble(10);
            tally.handled = rs.getLong(11);
            tally.handle = rs.getDouble(12);
            tally.satisfied = rs.getLong(13);
            tally.basicallySatisfied = rs.getLong(14);
            tally.dissatisfied = rs.getLong(15);
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
