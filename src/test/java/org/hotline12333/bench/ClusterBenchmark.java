package org.hotline12333.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.hotline12333.cluster.ClusterMessages;
import org.hotline12333.cluster.CommandReply;
import org.hotline12333.cluster.InstanceCommands;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.PostgresInstance;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What several instances on PostgreSQL cost, for docs/scaling.md: calls through one instance on PostgreSQL (the IVR
 * menu, an agent, the survey: every record written to PostgreSQL), the LISTEN/NOTIFY messages that carry the floor
 * between instances, a request forwarded to the instance holding a call, and the take-over of a lost instance's
 * calls. The test kit's shared pair of instances ({@code pg-a}, {@code pg-b}) on its embedded PostgreSQL, the Asterisk
 * stand-in beside them, in one JVM: the same two cores run everything.
 */
@Tag("benchmark")
class ClusterBenchmark {

    static final int CALLERS = 150;
    static final int MESSAGES = 2000;
    static final int MESSAGES_PER_SECOND = 500;
    static final int REQUESTS = 300;
    static final int LOST_CALLS = 1000;

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static JdbcClient db;
    static final Map<String, Number> figures = Collections.synchronizedMap(new LinkedHashMap<>());

    @BeforeAll
    static void start() {
        a = PostgresInstance.shared().first();
        b = PostgresInstance.shared().second();
        db = JdbcClient.create(a.getBean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        BenchResults.record(figures);
        System.out.println("Cluster on PostgreSQL: " + figures);
    }

    @Test
    void callsThroughOneInstanceOnPostgresql() throws Exception {
        a.getBean(TestClock.class).set(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai"))
                .toInstant());
        try {
            BenchAgents.ready(port(a), CALLERS + CALLERS / 10, 800000);
            int agi = a.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
            runCalls(agi, 50, 0); // warm-up
            long started = System.nanoTime();
            List<AgiStandIn.SimulatedCall> calls = runCalls(agi, CALLERS, 1000);
            double seconds = (System.nanoTime() - started) / 1e9;
            List<Long> turnarounds = new ArrayList<>();
            int commands = 0;
            for (AgiStandIn.SimulatedCall call : calls) {
                assertThat(call.commands()).anyMatch(command -> command.startsWith("EXEC \"Dial\""));
                commands += call.commands().size();
                call.turnarounds().stream().filter(t -> t.after() == null || !t.after().startsWith("SET MUSIC ON"))
                        .forEach(t -> turnarounds.add(t.nanos()));
            }
            Percentiles percentiles = new Percentiles(turnarounds);
            figures.put("pg_calls", CALLERS);
            figures.put("pg_calls_per_s", Math.round(CALLERS / seconds * 10) / 10.0);
            figures.put("pg_agi_commands_per_s", Math.round(commands / seconds));
            figures.put("pg_agi_p50_ms", round(percentiles.millis(50)));
            figures.put("pg_agi_p99_ms", round(percentiles.millis(99)));
        } finally {
            a.getBean(TestClock.class).reset();
        }
    }

    @Test
    void messagesBetweenInstancesThroughListenNotify() {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        b.getBean(ClusterMessages.class).subscribe("bench_ping", body -> latencies.add(System.nanoTime()
                - Long.parseLong(body)));
        ClusterMessages sender = a.getBean(ClusterMessages.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            sender.publish("bench_ping", Long.toString(System.nanoTime()));
            return !latencies.isEmpty();
        });
        latencies.clear();
        long started = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            long due = started + i * 1_000_000_000L / MESSAGES_PER_SECOND;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            sender.publish("bench_ping", Long.toString(System.nanoTime()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> latencies.size() >= MESSAGES);
        Percentiles paced = new Percentiles(List.copyOf(latencies));
        latencies.clear();
        long burstStart = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            sender.publish("bench_ping", Long.toString(System.nanoTime()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> latencies.size() >= MESSAGES);
        double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
        figures.put("notify_paced_per_s", MESSAGES_PER_SECOND);
        figures.put("notify_p50_ms", round(paced.millis(50)));
        figures.put("notify_p99_ms", round(paced.millis(99)));
        figures.put("notify_burst_per_s", Math.round(MESSAGES / burstSeconds));
    }

    @Test
    void requestsForwardedToTheInstanceHoldingTheCall() throws Exception {
        b.getBean(InstanceCommands.class).register("bench_echo", (payload, user) -> new CommandReply(200,
                payload));
        InstanceCommands sender = a.getBean(InstanceCommands.class);
        for (int i = 0; i < 20; i++) {
            sender.send("pg-b", "bench_echo", "{}", "bench");
        }
        List<Long> one = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long at = System.nanoTime();
            assertThat(sender.send("pg-b", "bench_echo", "{}", "bench").status()).isEqualTo(200);
            one.add(System.nanoTime() - at);
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Long>> parallel = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            parallel.add(threads.submit(() -> {
                long at = System.nanoTime();
                assertThat(sender.send("pg-b", "bench_echo", "{}", "bench").status()).isEqualTo(200);
                return System.nanoTime() - at;
            }));
        }
        List<Long> eight = new ArrayList<>();
        for (Future<Long> future : parallel) {
            eight.add(future.get());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        threads.shutdown();
        Percentiles sequential = new Percentiles(one);
        Percentiles concurrent = new Percentiles(eight);
        figures.put("forward_p50_ms", round(sequential.millis(50)));
        figures.put("forward_p99_ms", round(sequential.millis(99)));
        figures.put("forward_8_threads_per_s", Math.round(REQUESTS / seconds));
        figures.put("forward_8_threads_p99_ms", round(concurrent.millis(99)));
    }

    @Test
    void aLostInstancesCallsAndAgentsClosedByASurvivor() {
        String ghost = "bench-ghost-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        db.sql("INSERT INTO service_instance (name, incarnation, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")
                .params(ghost, UUID.randomUUID().toString(), ts(now.minus(Duration.ofHours(1))),
                        ts(now.plus(Duration.ofMinutes(10)))).update();
        List<Object[]> calls = new ArrayList<>();
        for (int i = 0; i < LOST_CALLS; i++) {
            calls.add(new Object[] {UUID.randomUUID().toString(), "1799000000." + i, ghost, ts(now.minusSeconds(60))});
        }
        a.getBean(org.springframework.jdbc.core.JdbcTemplate.class).batchUpdate("INSERT INTO calls (id, node, unique_id,"
                + " channel, caller_number, dialled_number, script, handled_by, started_at) VALUES (?, 'central', ?,"
                + " 'PJSIP/carrier-00000001', '13800138000', '12333', 'ivr', ?, ?)", calls);
        long started = System.nanoTime();
        // the ghost's lease runs out now
        db.sql("UPDATE service_instance SET heartbeat_at = ? WHERE name = ?")
                .params(ts(Instant.now().minus(Duration.ofMinutes(10))), ghost).update();
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                db.sql("SELECT count(*) FROM calls WHERE handled_by = ? AND ended_at IS NULL").param(ghost)
                        .query(Integer.class).single() == 0);
        double seconds = (System.nanoTime() - started) / 1e9;
        figures.put("takeover_calls", LOST_CALLS);
        figures.put("takeover_s", round(seconds));
    }

    private static List<AgiStandIn.SimulatedCall> runCalls(int agiPort, int count, int offset) throws Exception {
        List<AgiStandIn.SimulatedCall> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(AgiStandIn.call(agiPort).script("ivr?menu=12333").from(String.format("139%08d", offset + i))
                    .keys("0").keys("1").dialing(endpoint -> AgiStandIn.DialOutcome.answered(5)).start());
        }
        calls.forEach(call -> call.awaitEnd(Duration.ofMinutes(5)));
        return calls;
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
