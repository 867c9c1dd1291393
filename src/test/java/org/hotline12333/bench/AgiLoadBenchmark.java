package org.hotline12333.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.StaticMappingStrategy;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * 1,000 callers through FastAGI, each walking the real 12333 menu (5, 1, ID and PIN, the pension query heard to the
 * end, 0 for a person, the agent's Dial, the survey), and then the very same sessions against a bare asterisk-java
 * FastAGI server whose script sends the same commands without deciding anything: the ratio is the project's cost.
 * Twice: all 1,000 arriving in the same instant (the worst moment: capacity, commands a second), then arriving at
 * 100 a second and talking to their agent for 10 s, so about 1,000 are in progress at once as on a busy day (the
 * latency a caller meets).
 *
 * <p>Asterisk (the AGI stand-in) and its callers run in a JVM process of their own ({@link CallersProcess}), so the
 * service's figures are not shared with the load generator's in one process; both processes' CPU is reported. The
 * database is H2 in file mode, as a user runs it.
 *
 * <p>Turnaround: from Asterisk's reply written to the service's next command read, as the AGI stand-in sees it —
 * the time the caller waits on the backend per step. The step after SET MUSIC ON (waiting for an agent, on music)
 * is left out: it is waiting by design, not work.
 */
@Tag("benchmark")
@HotlineTest
@TestPropertySource(properties = {
        // H2 in file mode, as a user runs it (not in memory): a database of its own for this run
        "spring.datasource.url=jdbc:h2:file:./target/bench/h2/agi-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128",
        "hotline.agi.max-calls=2000",
        // 1,000 connections from one Asterisk in the same instant: on virtual threads more than the default 100 of
        // them are accepted before their first lines are read, and the gate would close the rest as a flood
        "hotline.agi.max-pending-per-peer=1000",
        "hotline.routing.announce-interval=10s", "logging.level.org.hotline12333=WARN",
        // the service's periodic work at the pace application.yml ships, not the test profile's quick timers (the
        // floor's figures every second, its tick every 100 ms, the router's every 10 ms...): work done every so
        // often whatever the calls, which the test profile makes up to ten times as frequent
        "hotline.routing.tick=250ms", "hotline.routing.sync-interval=2s", "hotline.routing.callback-check-interval=2s",
        "hotline.routing.hangup-probe-interval=5s", "hotline.supervision.tick=1s",
        "hotline.supervision.resync-interval=5s", "hotline.supervision.figures-interval=2s",
        "hotline.supervision.heartbeat=15s", "hotline.cluster.heartbeat-interval=5s", "hotline.cluster.lease=30s",
        "hotline.cluster.command-poll=1s", "hotline.asterisk.keepalive-interval=20s",
        "hotline.outreach.sms.poll-interval=500ms"
        // the recordings' settling stays at the test profile's 150 ms: at the shipped 2 s the burst's recordings
        // would be closed after its callers hung up, outside the measured burst, where at a peak that goes on that
        // work falls among the calls
        })
class AgiLoadBenchmark {

    static final int CALLERS = 1000;
    /** Calls before measuring, so the JIT has compiled the call path as in a service that has been running. */
    static final int WARM_UP = 500;
    static final int ALL_AT_ONCE = 0;
    static final int ARRIVALS_PER_SECOND = 100;
    static final Duration TALK = Duration.ofSeconds(10);

    @Value("${local.agi.port}")
    int agiPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    TestClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient db;

    @Test
    void aThousandCallersThroughThe12333MenuAndTheSameSessionsOnABareAsteriskJavaServer() throws Exception {
        clock.runFrom(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
        BenchAgents.ready(httpPort, CALLERS + CALLERS / 10, 700000);
        Map<String, Number> lockFigures = new LinkedHashMap<>();
        CallersProcess.Run burst;
        CallersProcess.Run paced;
        CallersProcess.Run bareBurst;
        CallersProcess.Run barePaced;
        LoadSampler load = new LoadSampler(() -> meters.get("hotline.agi.calls.active").gauge().value());
        try (CallersProcess callers = new CallersProcess(StandInAsterisk.recordingsRoot())) {
            callers.run(agiPort, WARM_UP, ALL_AT_ONCE, Duration.ZERO, 90_000);
            try (load) {
                Timer lockWait = meters.get("hotline.routing.lock.wait").timer();
                long acquisitionsBefore = lockWait.count();
                double waitedBefore = lockWait.totalTime(TimeUnit.MILLISECONDS);
                Timer connections = meters.get("hikaricp.connections.acquire").timer();
                long connectionsBefore = connections.count();
                burst = callers.run(agiPort, CALLERS, ALL_AT_ONCE, Duration.ZERO, 0);
                // every thread's, not only the callers': what the database costs per call in all
                lockFigures.put("agi_db_connections_per_call_burst",
                        round((connections.count() - connectionsBefore) / (double) CALLERS));
                lockFigures.put("routing_lock_acquisitions_burst", lockWait.count() - acquisitionsBefore);
                lockFigures.put("routing_lock_wait_total_ms_burst",
                        round(lockWait.totalTime(TimeUnit.MILLISECONDS) - waitedBefore));
                lockFigures.put("routing_lock_wait_max_ms_burst", round(lockWait.max(TimeUnit.MILLISECONDS)));
                for (ValueAtPercentile value : lockWait.takeSnapshot().percentileValues()) {
                    lockFigures.put("routing_lock_wait_p" + Math.round(value.percentile() * 100) + "_ms_burst",
                            round(value.value(TimeUnit.MILLISECONDS)));
                }
                long writtenBefore = databaseBytesWritten();
                paced = callers.run(agiPort, CALLERS, ARRIVALS_PER_SECOND, TALK, 10_000);
                // H2's own count of what it wrote to its file: it moves far less with the machine's load than the
                // CPU figures do, which share the two cores with everything else that runs
                lockFigures.put("agi_paced_db_write_kb_per_call",
                        round((databaseBytesWritten() - writtenBefore) / 1024.0 / CALLERS));
            }
            assertThat(burst.sameMenu()).as("every caller of the burst heard the same menu; %s",
                    burst.whatWentOtherwise()).isTrue();
            // on a slow machine some wait a moment for an agent freed by the warm-up: counted, and they are served
            assertThat(burst.allServed()).as("every caller of the burst reached an agent and hung up; %s",
                    burst.whatWentOtherwise()).isTrue();
            // at the paced peak nearly every agent is talking: a caller may wait a moment on music, and is served
            assertThat(paced.allServed()).as("every paced caller reached an agent and hung up; %s",
                    paced.whatWentOtherwise()).isTrue();

            DefaultAgiServer baseline = bareServer(burst.script());
            try {
                int port = baseline.getPort();
                callers.run(port, WARM_UP, ALL_AT_ONCE, Duration.ZERO, 90_000);
                bareBurst = callers.run(port, CALLERS, ALL_AT_ONCE, Duration.ZERO, 0);
                barePaced = callers.run(port, CALLERS, ARRIVALS_PER_SECOND, TALK, 0);
            } finally {
                baseline.shutdown();
            }
        }

        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("agi_sessions", CALLERS);
        figures.put("agi_commands_per_s", Math.round(burst.commandsPerSecond()));
        figures.put("agi_calls_per_s", Math.round(burst.callsPerSecond() * 10) / 10.0);
        figures.put("agi_p50_ms", round(burst.p50()));
        figures.put("agi_p99_ms", round(burst.p99()));
        figures.put("agi_service_cpu_cores", round(burst.serverCores()));
        figures.put("agi_callers_cpu_cores", round(burst.callerCores()));
        figures.put("baseline_agi_commands_per_s", Math.round(bareBurst.commandsPerSecond()));
        figures.put("baseline_agi_p50_ms", round(bareBurst.p50()));
        figures.put("baseline_agi_p99_ms", round(bareBurst.p99()));
        figures.put("baseline_agi_server_cpu_cores", round(bareBurst.serverCores()));
        figures.put("baseline_agi_callers_cpu_cores", round(bareBurst.callerCores()));
        figures.put("agi_paced_p50_ms", round(paced.p50()));
        figures.put("agi_paced_p99_ms", round(paced.p99()));
        figures.put("agi_paced_service_cpu_cores", round(paced.serverCores()));
        figures.put("baseline_agi_paced_p50_ms", round(barePaced.p50()));
        figures.put("baseline_agi_paced_p99_ms", round(barePaced.p99()));
        figures.put("agi_calls_in_progress_peak", load.activePeak());
        figures.put("agi_commands_per_call", burst.script().size());
        figures.put("agi_burst_callers_kept_waiting", burst.keptWaiting());
        figures.put("heap_mb_peak", Math.round(load.heapPeakMb()));
        figures.put("heap_mb_after_gc_peak", Math.round(load.afterGcPeakMb()));
        figures.put("threads_peak", load.threadPeak());
        figures.putAll(lockFigures);
        figures.put("agi_java_version", Runtime.version().feature());
        BenchResults.record(withSuffix(figures));
        System.out.println("AGI load: " + figures);
        burst.printSlowestSteps("all at once");
        paced.printSlowestSteps(ARRIVALS_PER_SECOND + " a second, talking " + TALK.toSeconds() + " s");
    }

    /** Bytes H2 has written to its file since it opened it. */
    private long databaseBytesWritten() {
        return db.sql("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                + " WHERE SETTING_NAME = 'info.FILE_WRITE_BYTES'").query(Long.class).single();
    }

    /** asterisk-java's own server, sending the recorded commands one after the other and nothing else. */
    private static DefaultAgiServer bareServer(List<String> commands) throws IOException {
        DefaultAgiServer server = new DefaultAgiServer(new StaticMappingStrategy((AgiRequest request, AgiChannel channel) -> {
            for (String line : commands) {
                try {
                    channel.sendCommand(new AbstractAgiCommand() {
                        @Override
                        public String buildCommand() {
                            return line;
                        }
                    });
                } catch (AgiException hungUp) {
                    return;
                }
            }
        }));
        server.setAddress(InetAddress.getLoopbackAddress());
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            server.setPort(probe.getLocalPort());
        }
        server.setPoolSize(100);
        server.setMaximumPoolSize(CALLERS * 2);
        Thread accept = new Thread(() -> {
            try {
                server.startup();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "bare-agi");
        accept.setDaemon(true);
        accept.start();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return server;
    }

    /**
     * With {@code -Dbench.suffix=_jdk25_virtual} (say) the figures are recorded under keys of their own, so a run on
     * another JVM or with other settings stands next to the main one in results.json instead of replacing it.
     */
    private static Map<String, Number> withSuffix(Map<String, Number> figures) {
        String suffix = System.getProperty("bench.suffix", "");
        Map<String, Number> keyed = new LinkedHashMap<>();
        figures.forEach((key, value) -> keyed.put(key + suffix, value));
        return keyed;
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }
}
