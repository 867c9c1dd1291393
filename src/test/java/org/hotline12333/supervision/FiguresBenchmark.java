package org.hotline12333.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
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
 * What the supervisors' figures cost on the month-end deadline: 60,000 calls queued today in 20 skill groups (and as
 * many yesterday, inside the rolling 24-hour window), then the figures recomputed as the floor does every few
 * seconds while calls change, on the embedded H2.
 */
@Tag("benchmark")
@HotlineTest
@DirtiesContext // each benchmark's heap and threads are its own, not those of the contexts before it
class FiguresBenchmark {

    static final int CALLS_A_DAY = 60_000;
    static final int GROUPS = 20;
    static final int ROUNDS = 20;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FigureQueries figures;
    @Autowired
    SupervisionProperties properties;

    @Test
    void todaysFiguresOnABusyDay() {
        LocalDate today = LocalDate.of(2023, 1, 31);
        Instant now = today.atTime(20, 0).atZone(properties.zone()).toInstant();
        insertDay(today.minusDays(1));
        insertDay(today);

        figures.today(now);
        long nanos = 0;
        Figures last = null;
        for (int i = 0; i < ROUNDS; i++) {
            // the floor recomputes because a call changed: so does the benchmark (and no cached result is reused)
            jdbc.update("INSERT INTO calls (id, node, unique_id, handled_by, started_at, skill_group, queued_at)"
                    + " VALUES (?, 'central', ?, 'bench', ?, 'g0', ?)", UUID.randomUUID().toString(), "bench.new." + i,
                    Timestamp.from(now.minusSeconds(ROUNDS - i)), Timestamp.from(now.minusSeconds(ROUNDS - i)));
            long start = System.nanoTime();
            last = figures.today(now);
            nanos += System.nanoTime() - start;
        }
        double millis = nanos / 1e6 / ROUNDS;

        if (last.overall().offered() != CALLS_A_DAY + ROUNDS || last.overall().waiting() != ROUNDS
                || last.groups().size() != GROUPS) {
            throw new AssertionError("the benchmark did not read what it wrote: " + last.overall());
        }
        System.out.printf("figures of a day with %,d calls in %d groups: %.1f ms per refresh%n", CALLS_A_DAY, GROUPS,
                millis);
        BenchResults.record(Map.of("supervision.figures.day_60000_calls.ms", Math.round(millis * 10) / 10.0));
    }

    /** Calls from 8:00 to 20:00: most answered within seconds, some abandoned, a few called back; half surveyed. */
    private void insertDay(LocalDate day) {
        Instant morning = day.atTime(8, 0).atZone(properties.zone()).toInstant();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < CALLS_A_DAY; i++) {
            Instant queued = morning.plusMillis(i * (12L * 3600 * 1000 / CALLS_A_DAY));
            boolean abandoned = i % 10 == 0;
            Instant connected = abandoned ? null : queued.plusSeconds(i % 45);
            Instant talkEnded = abandoned ? queued.plusSeconds(i % 90) : connected.plusSeconds(120 + i % 300);
            rows.add(new Object[] {UUID.randomUUID().toString(), "bench." + day + "." + i, Timestamp.from(queued),
                    Timestamp.from(talkEnded), "g" + i % GROUPS, Timestamp.from(queued),
                    connected == null ? null : Timestamp.from(connected), Timestamp.from(talkEnded),
                    connected == null ? null : Timestamp.from(talkEnded.plusSeconds(20)),
                    abandoned ? (i % 30 == 0 ? "CALLBACK_REQUESTED" : "ABANDONED") : "ANSWERED",
                    abandoned || i % 2 == 0 ? null : i % 7 == 0 ? "DISSATISFIED" : "SATISFIED"});
            if (rows.size() == 5_000) {
                insert(rows);
                rows.clear();
            }
        }
        insert(rows);
    }

    private void insert(List<Object[]> rows) {
        jdbc.batchUpdate("""
                INSERT INTO calls (id, node, unique_id, handled_by, started_at, ended_at, skill_group, queued_at,
                    connected_at, talk_ended_at, wrap_up_ended_at, outcome, satisfaction)
                VALUES (?, 'central', ?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }
}
