package org.hotline12333.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What a busy hotline's month costs quality: 100 agents answering 80 calls a day for 30 days (240,000 calls, written
 * straight into the call table), then one day's draw and the month's assessment, on the embedded H2.
 */
@Tag("benchmark")
@HotlineTest
@DirtiesContext // each benchmark's heap and threads are its own, not those of the contexts before it
class QualityBenchmark {

    static final int AGENTS = 100;
    static final int CALLS_PER_DAY = 80;
    static final YearMonth MONTH = YearMonth.of(2022, 6);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Sampler sampler;
    @Autowired
    Assessments assessments;
    @Autowired
    QualityProperties properties;

    @Test
    void aDaysDrawAndAMonthsAssessment() {
        ZoneId zone = properties.zone();
        for (int day = 1; day <= MONTH.lengthOfMonth(); day++) {
            List<Object[]> rows = new ArrayList<>();
            Instant morning = MONTH.atDay(day).atTime(8, 0).atZone(zone).toInstant();
            for (int agent = 0; agent < AGENTS; agent++) {
                for (int call = 0; call < CALLS_PER_DAY; call++) {
                    Instant connected = morning.plusSeconds(call * 300L + agent);
                    rows.add(new Object[] {UUID.randomUUID().toString(), "bench." + day + "." + agent + "." + call,
                            Timestamp.from(connected.minusSeconds(20)), Timestamp.from(connected.plusSeconds(200)),
                            "77" + (1000 + agent), Timestamp.from(connected), Timestamp.from(connected.plusSeconds(180)),
                            Timestamp.from(connected.plusSeconds(200)), call % 10 == 0 ? "DISSATISFIED" : "SATISFIED"});
                }
            }
            jdbc.batchUpdate("""
                    INSERT INTO calls (id, node, unique_id, handled_by, started_at, ended_at, agent, connected_at,
                        talk_ended_at, wrap_up_ended_at, outcome, satisfaction)
                    VALUES (?, 'central', ?, 'bench', ?, ?, ?, ?, ?, ?, 'ANSWERED', ?)""", rows);
        }

        long start = System.nanoTime();
        Sampler.Run run = sampler.draw(LocalDate.of(2022, 6, 15), 1, "bench");
        double drawSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        Assessments.Assessment assessment = assessments.produce(MONTH, "bench");
        double assessmentSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        byte[] csv = AssessmentCsv.write(assessment);
        double csvMillis = (System.nanoTime() - start) / 1e6;

        if (run.calls() != AGENTS * CALLS_PER_DAY || assessment.rows().stream()
                .filter(row -> row.agent().startsWith("77")).mapToInt(Assessments.Row::callsHandled).sum()
                != AGENTS * CALLS_PER_DAY * MONTH.lengthOfMonth() || csv.length == 0) {
            throw new AssertionError("the benchmark did not read what it wrote: " + run);
        }
        BenchResults.record(Map.of(
                "quality.draw.day_8000_calls.s", Math.round(drawSeconds * 100) / 100.0,
                "quality.assessment.month_240000_calls.s", Math.round(assessmentSeconds * 100) / 100.0,
                "quality.assessment.csv.ms", Math.round(csvMillis * 10) / 10.0));
    }
}
