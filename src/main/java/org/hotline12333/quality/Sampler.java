package org.hotline12333.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.Satisfaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily random sample (抽检): for each agent, of the calls they answered that day, {@code share} of them
 * (rounded up) and at least {@code minimum-per-agent} (all of them when there are fewer) are queued for scoring.
 * The draw is reproducible: the agents in work-number order, each agent's calls in the order they were answered
 * (then call id), shuffled with one {@link Random} seeded with the run's seed ({@link Collections#shuffle(List,
 * Random)}), the first ones taken. The seed is kept with the run. One draw per day; 不满意 calls of the day missed
 * by the survey event are queued as well.
 */
@Service
class Sampler {

    private static final Logger log = LoggerFactory.getLogger(Sampler.class);

    private final AnsweredCalls answered;
    private final WorkQueue queue;
    private final JdbcClient db;
    private final QualityProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Sampler(AnsweredCalls answered, WorkQueue queue, JdbcClient db, QualityProperties properties,
            TransactionTemplate transactions, Clock clock) {
        this.answered = answered;
        this.queue = queue;
        this.db = db;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param calls   answered calls of the day
     * @param sampled calls the draw queued
     * @param drawnNow false when the day had been drawn before and this is that earlier run
     */
    record Run(LocalDate day, long seed, BigDecimal share, int minimum, Instant drawnAt, String drawnBy, int agents,
               int calls, int sampled, boolean drawnNow) {
    }

    /** How many of an agent's calls a day's sample takes. */
    static int sampleSize(int calls, BigDecimal share, int minimum) {
        int byShare = share.multiply(BigDecimal.valueOf(calls)).setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.min(calls, Math.max(minimum, byShare));
    }

    Optional<Run> run(LocalDate day) {
        return find(day, false);
    }

    private Optional<Run> find(LocalDate day, boolean drawnNow) {
        return db.sql("SELECT * FROM quality_sampling_run WHERE sample_day = ?").param(Date.valueOf(day))
                .query((rs, n) -> run(rs, drawnNow)).optional();
    }

    /**
     * Draws the day's sample with this seed, unless the day was drawn already (then that run is returned). Only a day
     * that is over can be drawn (409 otherwise): its later calls would never be in the sample.
     */
    Run draw(LocalDate day, long seed, String by) {
        if (!day.isBefore(clock.instant().atZone(properties.zone()).toLocalDate())) {
            throw Problems.conflict("the sample of " + day + " can be drawn once the day is over");
        }
        try {
            return drawOnce(day, seed, by);
        } catch (DuplicateKeyException e) {
            log.info("The quality sample of {} was drawn meanwhile by another instance", day);
            return run(day).orElseThrow();
        }
    }

    private Run drawOnce(LocalDate day, long seed, String by) {
        return transactions.execute(status -> {
            Optional<Run> earlier = run(day);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            BigDecimal share = properties.sampling().share();
            int minimum = properties.sampling().minimumPerAgent();
            db.sql("""
                    INSERT INTO quality_sampling_run (sample_day, seed, share, minimum, drawn_at, drawn_by, agents,
                        calls, sampled) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)""")
                    .params(Date.valueOf(day), seed, share, minimum, Timestamp.from(clock.instant()), by).update();
            Map<String, List<CallSummary>> byAgent = answeredOn(day);
            Random random = new Random(seed);
            int answered = 0;
            int sampled = 0;
            for (Map.Entry<String, List<CallSummary>> agent : byAgent.entrySet()) {
                List<CallSummary> shuffled = new ArrayList<>(agent.getValue());
                answered += shuffled.size();
                Collections.shuffle(shuffled, random);
                int size = sampleSize(shuffled.size(), share, minimum);
                shuffled.subList(0, size).forEach(call -> queue.add(call, WorkQueue.Reason.SAMPLE, null));
                sampled += size;
                agent.getValue().stream().filter(call -> call.satisfaction() == Satisfaction.DISSATISFIED)
                        .forEach(call -> queue.add(call, WorkQueue.Reason.DISSATISFIED, null));
            }
            db.sql("UPDATE quality_sampling_run SET agents = ?, calls = ?, sampled = ? WHERE sample_day = ?")
                    .params(byAgent.size(), answered, sampled, Date.valueOf(day)).update();
            log.info("Quality sample of {} drawn by {} (seed {}): {} of {} answered call(s) of {} agent(s)", day, by,
                    seed, sampled, answered, byAgent.size());
            return find(day, true).orElseThrow();
        });
    }

    /** The day's answered calls by agent (work-number order), each agent's in the order they were answered. */
    private Map<String, List<CallSummary>> answeredOn(LocalDate day) {
        Map<String, List<CallSummary>> byAgent = new TreeMap<>();
        answered.each(day.atStartOfDay(properties.zone()).toInstant(),
                day.plusDays(1).atStartOfDay(properties.zone()).toInstant(),
                call -> byAgent.computeIfAbsent(call.routing().agent(), a -> new ArrayList<>()).add(call));
        return byAgent;
    }

    private static Run run(ResultSet rs, boolean drawnNow) throws SQLException {
        return new Run(rs.getDate("sample_day").toLocalDate(), rs.getLong("seed"),
                rs.getBigDecimal("share").stripTrailingZeros(), rs.getInt("minimum"),
                rs.getTimestamp("drawn_at").toInstant(), rs.getString("drawn_by"), rs.getInt("agents"),
                rs.getInt("calls"), rs.getInt("sampled"), drawnNow);
    }
}
