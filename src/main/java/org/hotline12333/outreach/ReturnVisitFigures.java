package org.hotline12333.outreach;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 回访满意率: of the citizens who answered the return visit, the share satisfied or basically satisfied
 * ((满意 + 基本满意) / answered × 100, one decimal), per department (of the case; 直接办结 cases have none) and per agent
 * (the case's owner, or the agent of the sampled call); and today's campaign for the supervisors' floor.
 */
@Service
public class ReturnVisitFigures {

    /** @param percent null when nobody answered */
    public record Rate(String scope, String key, int answered, int satisfied, int basicallySatisfied,
                       int dissatisfied, BigDecimal percent) {
    }

    /** @param due visits waiting (pending, being called); {@code called} calls made today */
    public record Today(int due, int called, int answered, int satisfied, int basicallySatisfied, int dissatisfied,
                        int noAnswer, BigDecimal percent) {
    }

    private final JdbcClient db;

    ReturnVisitFigures(JdbcClient db) {
        this.db = db;
    }

    /** The month's rates, departments then agents, each sorted by key. */
    public List<Rate> month(YearMonth month, ZoneId zone) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<Rate> rates = new ArrayList<>(rates("DEPARTMENT", "department", from, to));
        rates.addAll(rates("AGENT", "agent", from, to));
        return rates;
    }

    public Today today(Instant now, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        Timestamp from = Timestamp.from(day.atStartOfDay(zone).toInstant());
        Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
        int due = db.sql("SELECT COUNT(*) FROM return_visit WHERE state IN ('PENDING', 'DIALLING', 'IN_CALL')"
                + " AND due_at < ?").param(to).query(Integer.class).single();
        int called = db.sql("SELECT COUNT(*) FROM outreach_contact_log WHERE purpose = 'RETURN_VISIT'"
                + " AND event LIKE 'calling%' AND at >= ? AND at < ?").params(from, to).query(Integer.class).single();
        int noAnswer = db.sql("SELECT COUNT(*) FROM return_visit WHERE state = 'NO_ANSWER' AND updated_at >= ?"
                + " AND updated_at < ?").params(from, to).query(Integer.class).single();
        Map<String, Integer> answers = new TreeMap<>();
        db.sql("SELECT answer, COUNT(*) FROM return_visit WHERE answered_at >= ? AND answered_at < ? GROUP BY answer")
                .params(from, to).query(rs -> {
                    answers.put(rs.getString(1), rs.getInt(2));
                });
        int satisfied = answers.getOrDefault("SATISFIED", 0);
        int basically = answers.getOrDefault("BASICALLY_SATISFIED", 0);
        int dissatisfied = answers.getOrDefault("DISSATISFIED", 0);
        int answered = satisfied + basically + dissatisfied;
        return new Today(due, called, answered, satisfied, basically, dissatisfied, noAnswer,
                percent(satisfied + basically, answered));
    }

    private List<Rate> rates(String scope, String column, Instant from, Instant to) {
        Map<String, int[]> counts = new TreeMap<>();
        db.sql("SELECT COALESCE(" + column + ", '-'), answer, COUNT(*) FROM return_visit WHERE answered_at >= ?"
                        + " AND answered_at < ? GROUP BY COALESCE(" + column + ", '-'), answer")
                .params(Timestamp.from(from), Timestamp.from(to)).query(rs -> {
                    int[] c = counts.computeIfAbsent(rs.getString(1), k -> new int[3]);
                    c[switch (rs.getString(2)) {
                        case "SATISFIED" -> 0;
                        case "BASICALLY_SATISFIED" -> 1;
                        default -> 2;
                    }] += rs.getInt(3);
                });
        List<Rate> rates = new ArrayList<>();
        counts.forEach((key, c) -> rates.add(new Rate(scope, key, c[0] + c[1] + c[2], c[0], c[1], c[2],
                percent(c[0] + c[1], c[0] + c[1] + c[2]))));
        return rates;
    }

    private static BigDecimal percent(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }
}
