package org.hotline12333.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hotline12333.call.CallSummary;
import org.hotline12333.cases.DepartmentFigures;
import org.hotline12333.outreach.ReturnVisitFigures;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.Agents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly assessment per agent (月度考评): calls handled, average handle time, satisfaction, average quality
 * score and vetoes, from the Call records and the current scores of calls answered in the month (in
 * {@code hotline.quality.zone}). Produced on the 1st for the previous month and on demand; producing a month again
 * replaces what was stored for it. Every configured agent gets a row, and so does any other work number that
 * answered calls. Beside them, the departments' figures of cases (docs/cases.md). docs/quality.md defines every
 * figure.
 */
@Service
class Assessments {

    private static final Logger log = LoggerFactory.getLogger(Assessments.class);

    private final AnsweredCalls answered;
    private final AssessmentDepartments departments;
    private final AssessmentReturnVisits returnVisits;
    private final Agents agents;
    private final JdbcClient db;
    private final QualityProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Assessments(AnsweredCalls answered, AssessmentDepartments departments, Agents agents, JdbcClient db,
                QualityProperties properties, TransactionTemplate transactions, Clock clock,
                AssessmentReturnVisits returnVisits) {
        this.returnVisits = returnVisits;
        this.answered = answered;
        this.departments = departments;
        this.agents = agents;
        this.db = db;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * A produced month: when, by whom, one row per agent by work number, and the departments' figures of cases (per
     * department and kind, then all its kinds).
     */
    record Assessment(YearMonth month, Instant producedAt, String producedBy, List<Row> rows,
                      List<DepartmentFigures> departments, List<ReturnVisitFigures.Rate> returnVisits) {
    }

    /**
     * @param handleTimeCalls      handled calls whose handle time is known (talk and wrap-up ended)
     * @param averageHandleSeconds their average handle time in seconds, one decimal; null without any
     * @param satisfactionPercent  (满意 + 基本满意) / surveys × 100, one decimal; null without surveys
     * @param averageScore         average of the current scores (vetoed ones count as 0), two decimals; null when
     *                             no call was scored
     */
    record Row(String agent, String name, int callsHandled, int handleTimeCalls, BigDecimal averageHandleSeconds,
               int surveys, int satisfied, int basicallySatisfied, int dissatisfied, BigDecimal satisfactionPercent,
               int scoredCalls, BigDecimal averageScore, int vetoes) {
    }

    Optional<Assessment> find(YearMonth month) {
        return db.sql("SELECT * FROM quality_assessment_run WHERE assessment_month = ?").param(month.toString())
                .query((rs, n) -> new Assessment(month, rs.getTimestamp("produced_at").toInstant(),
                        rs.getString("produced_by"), rows(month), departments.read(month),
                        returnVisits.read(month)))
                .optional();
    }

    /** Computes the month from the Call records and scores, and stores it in place of any earlier one. */
    Assessment produce(YearMonth month, String by) {
        Instant from = month.atDay(1).atStartOfDay(properties.zone()).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(properties.zone()).toInstant();
        Map<String, Tally> tallies = new TreeMap<>();
        for (AgentView agent : agents.all()) {
            tallies.put(agent.workNumber(), new Tally(agent.name()));
        }
        answered.each(from, to, call -> tallies.computeIfAbsent(call.routing().agent(), a -> new Tally(null)).add(call));
        db.sql("""
                SELECT agent, COUNT(*) AS scored, SUM(total) AS total, SUM(CASE WHEN vetoed THEN 1 ELSE 0 END) AS vetoes
                FROM quality_score WHERE is_current AND call_connected_at >= ? AND call_connected_at < ?
                GROUP BY agent""").params(Timestamp.from(from), Timestamp.from(to)).query(rs -> {
                    tallies.computeIfAbsent(rs.getString("agent"), a -> new Tally(null))
                            .scores(rs.getInt("scored"), rs.getBigDecimal("total"), rs.getInt("vetoes"));
                });
        List<DepartmentFigures> cases = departments.compute(month);
        List<ReturnVisitFigures.Rate> visits = returnVisits.compute(month);
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            db.sql("DELETE FROM quality_assessment WHERE assessment_month = ?").param(month.toString()).update();
            db.sql("DELETE FROM quality_assessment_run WHERE assessment_month = ?").param(month.toString()).update();
            db.sql("INSERT INTO quality_assessment_run (assessment_month, produced_at, produced_by) VALUES (?, ?, ?)")
                    .params(month.toString(), Timestamp.from(now), by).update();
            tallies.forEach((agent, tally) -> insert(month, tally.row(agent)));
            departments.store(month, cases);
            returnVisits.store(month, visits);
        });
        log.info("Monthly assessment {} produced by {}: {} agent(s)", month, by, tallies.size());
        return find(month).orElseThrow();
    }

    private void insert(YearMonth month, Row row) {
        db.sql("""
                INSERT INTO quality_assessment (assessment_month, agent, agent_name, calls_handled, handle_time_calls,
                    average_handle_seconds, surveys, satisfied, basically_satisfied, dissatisfied,
                    satisfaction_percent, scored_calls, average_score, vetoes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(month.toString(), row.agent(), row.name(), row.callsHandled(), row.handleTimeCalls(),
                        row.averageHandleSeconds(), row.surveys(), row.satisfied(), row.basicallySatisfied(),
                        row.dissatisfied(), row.satisfactionPercent(), row.scoredCalls(), row.averageScore(),
                        row.vetoes())
                .update();
    }

    private List<Row> rows(YearMonth month) {
        return db.sql("SELECT * FROM quality_assessment WHERE assessment_month = ? ORDER BY agent")
                .param(month.toString()).query(Assessments::row).list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getString("agent"), rs.getString("agent_name"), rs.getInt("calls_handled"),
                rs.getInt("handle_time_calls"), rs.getBigDecimal("average_handle_seconds"), rs.getInt("surveys"),
                rs.getInt("satisfied"), rs.getInt("basically_satisfied"), rs.getInt("dissatisfied"),
                rs.getBigDecimal("satisfaction_percent"), rs.getInt("scored_calls"), rs.getBigDecimal("average_score"),
                rs.getInt("vetoes"));
    }

    /** One agent's figures while the month is read. */
    private static final class Tally {
        private final String name;
        private int handled;
        private int timed;
        private long handleMillis;
        private int satisfied;
        private int basically;
        private int dissatisfied;
        private int scored;
        private BigDecimal scoreTotal = BigDecimal.ZERO;
        private int vetoes;

        Tally(String name) {
            this.name = name;
        }

        void add(CallSummary call) {
            handled++;
            Duration handle = call.routing().handleTime();
            if (handle != null) {
                timed++;
                handleMillis += handle.toMillis();
            }
            if (call.satisfaction() != null) {
                switch (call.satisfaction()) {
                    case SATISFIED -> satisfied++;
                    case BASICALLY_SATISFIED -> basically++;
                    case DISSATISFIED -> dissatisfied++;
                    default -> throw new IllegalStateException("unknown satisfaction " + call.satisfaction());
                }
            }
        }

        void scores(int count, BigDecimal total, int vetoed) {
            scored = count;
            scoreTotal = total;
            vetoes = vetoed;
        }

        Row row(String agent) {
            int surveys = satisfied + basically + dissatisfied;
            return new Row(agent, name, handled, timed,
                    timed == 0 ? null : ratio(BigDecimal.valueOf(handleMillis), 1000L * timed, 1),
                    surveys, satisfied, basically, dissatisfied,
                    surveys == 0 ? null : ratio(BigDecimal.valueOf(100L * (satisfied + basically)), surveys, 1),
                    scored, scored == 0 ? null : ratio(scoreTotal, scored, 2), vetoes);
        }

        private static BigDecimal ratio(BigDecimal amount, long divisor, int scale) {
            return amount.divide(BigDecimal.valueOf(divisor), scale, RoundingMode.HALF_UP);
        }
    }
}
