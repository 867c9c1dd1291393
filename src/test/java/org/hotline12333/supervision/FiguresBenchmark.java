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
 * many yesterday, inside the rolling 24-hour window), answered by 1,000 agents whose state changes (four a call) make
 * the day's occupancy, then the figures recomputed as the floor does every few seconds while calls change, on the
 * embedded H2; and the same figures with the whole day's occupancy scanned each time, as before {@link DayOccupancy}.
 */
@Tag("benchmark")
@HotlineTest
@DirtiesContext // each benchmark's heap and threads are its own, not those of the contexts before it
class FiguresBenchmark {

    static final int CALLS_A_DAY = 60_000;
    static final int GROUPS = 20;
    static final int ROUNDS = 20;
    static final int AGENTS = 1_000;

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
        insertAgents(today.minusDays(1));
        insertDay(today.minusDays(1));
        insertDay(today);

        figures.today(now);
        long nanos = 0;
        long wholeDayNanos = 0;
        Figures last = null;
        for (int i = 0; i < ROUNDS; i++) {
            // the floor recomputes because a call changed: so does the benchmark (and no cached result is reused)
            jdbc.update("INSERT INTO calls (id, node, unique_id, handled_by, started_at, skill_group, queued_at)"
                    + " VALUES (?, 'central', ?, 'bench', ?, 'g0', ?)", UUID.randomUUID().toString(), "bench.new." + i,
                    Timestamp.from(now.minusSeconds(ROUNDS - i)), Timestamp.from(now.minusSeconds(ROUNDS - i)));
            long start = System.nanoTime();
            last = figures.today(now);
            nanos += System.nanoTime() - start;
            start = System.nanoTime();
            Figures wholeDay = figures.of(today, now);
            wholeDayNanos += System.nanoTime() - start;
            if (!wholeDay.agents().equals(last.agents())) {
                throw new AssertionError("occupancy differs from the whole day's scan");
            }
        }
        double millis = nanos / 1e6 / ROUNDS;
        double wholeDayMillis = wholeDayNanos / 1e6 / ROUNDS;

        if (last.overall().offered() != CALLS_A_DAY + ROUNDS || last.overall().waiting() != ROUNDS
                || last.groups().size() != GROUPS) {
            throw new AssertionError("the benchmark did not read what it wrote: " + last.overall());
        }
        if (last.agents().size() != AGENTS || last.overall().occupancy().rate() == null) {
            throw new AssertionError("the benchmark did not read the agents' day: " + last.overall().occupancy());
        }
        System.out.printf("figures of a day with %,d calls in %d groups and %,d agents: %.1f ms per refresh (the whole"
                + " day's occupancy scanned each time: %.1f ms)%n", CALLS_A_DAY, GROUPS, AGENTS, millis,
                wholeDayMillis);
        BenchResults.record(Map.of("supervision.figures.day_60000_calls.ms", Math.round(millis * 10) / 10.0,
                "supervision.figures.day_60000_calls_whole_day_scanned.ms", Math.round(wholeDayMillis * 10) / 10.0));
    }

    /** The agents, logged in and READY since the evening before the first day. */
    private void insertAgents(LocalDate dayBefore) {
        Timestamp since = Timestamp.from(dayBefore.atTime(7, 0).atZone(properties.zone()).toInstant());
        List<Object[]> agents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            agents.add(new Object[] {"b" + a, "坐席" + a, "PJSIP/b" + a, since});
        }
        jdbc.batchUpdate("INSERT INTO agent (work_number, name, endpoint, node, state, state_since)"
                + " VALUES (?, ?, ?, 'central', 'READY', ?)", agents);
    }

    /**
     * Calls from 8:00 to 20:00: most answered within seconds, some abandoned, a few called back; half surveyed. Call
     * i is answered by agent i % 1,000 (12 minutes after that agent's previous one, so one agent's calls never
     * overlap): RESERVED when queued, ON_CALL, WRAP_UP, READY again.
     */
    private void insertDay(LocalDate day) {
        Instant morning = day.atTime(8, 0).atZone(properties.zone()).toInstant();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> changes = new ArrayList<>();
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
            if (connected != null) {
                String agent = "b" + i % AGENTS;
                changes.add(new Object[] {agent, "READY", "RESERVED", Timestamp.from(queued)});
                changes.add(new Object[] {agent, "RESERVED", "ON_CALL", Timestamp.from(connected)});
                changes.add(new Object[] {agent, "ON_CALL", "WRAP_UP", Timestamp.from(talkEnded)});
                changes.add(new Object[] {agent, "WRAP_UP", "READY", Timestamp.from(talkEnded.plusSeconds(20))});
            }
            if (rows.size() == 5_000) {
                insert(rows, changes);
            }
        }
        insert(rows, changes);
    }

    private void insert(List<Object[]> rows, List<Object[]> changes) {
        insert(rows);
        jdbc.batchUpdate("INSERT INTO agent_state_change (work_number, from_state, to_state, at, instance)"
                + " VALUES (?, ?, ?, ?, 'bench')", changes);
        rows.clear();
        changes.clear();
    }

    private void insert(List<Object[]> rows) {
        jdbc.batchUpdate("""
                INSERT INTO calls (id, node, unique_id, handled_by, started_at, ended_at, skill_group, queued_at,
                    connected_at, talk_ended_at, wrap_up_ended_at, outcome, satisfaction)
                VALUES (?, 'central', ?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }
}
