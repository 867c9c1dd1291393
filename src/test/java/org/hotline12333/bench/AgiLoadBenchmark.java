package org.hotline12333.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.StaticMappingStrategy;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * 1,000 callers through FastAGI, each walking the real 12333 menu (5, 1, ID and PIN, the pension query heard to the
 * end, 0 for a person, the agent's Dial, the survey), and then the very same sessions against a bare asterisk-java
 * FastAGI server whose script sends the same commands without deciding anything: the ratio is the project's cost.
 * Twice: all 1,000 arriving in the same instant (the worst moment: capacity, commands a second), then arriving at
 * 100 a second and talking to their agent for 10 s, so about 1,000 are in progress at once as on a busy day (the
 * latency a caller meets).
 *
 * <p>Turnaround: from Asterisk's reply written to the service's next command read, as the AGI stand-in sees it —
 * the time the caller waits on the backend per step. The step after SET MUSIC ON (waiting for an agent, on music)
 * is left out: it is waiting by design, not work.
 */
@Tag("benchmark")
@HotlineTest
@DirtiesContext // each benchmark's heap and threads are its own, not those of the contexts before it
@TestPropertySource(properties = {"hotline.agi.max-calls=2000", "hotline.routing.tick=10ms",
        "hotline.routing.announce-interval=10s", "logging.level.org.hotline12333=WARN"})
class AgiLoadBenchmark {

    static final int CALLERS = 1000;
    /** Calls before measuring, so the JIT has compiled the call path as in a service that has been running. */
    static final int WARM_UP = 500;
    static final int ALL_AT_ONCE = 0;
    static final int ARRIVALS_PER_SECOND = 100;
    static final Duration TALK = Duration.ofSeconds(10);
    static final String ID = "110101199003074258";

    @Value("${local.agi.port}")
    int agiPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    TestClock clock;

    @Autowired
    MeterRegistry meters;

    @Test
    void aThousandCallersThroughThe12333MenuAndTheSameSessionsOnABareAsteriskJavaServer() throws Exception {
        clock.runFrom(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
        BenchAgents.ready(httpPort, CALLERS + CALLERS / 10, 700000);
        run(WARM_UP, ALL_AT_ONCE, n -> caller(agiPort, 90_000 + n, Duration.ZERO));

        Run burst;
        Run paced;
        LoadSampler load = new LoadSampler(() -> meters.get("hotline.agi.calls.active").gauge().value());
        try (load) {
            burst = run(CALLERS, ALL_AT_ONCE, n -> caller(agiPort, n, Duration.ZERO));
            paced = run(CALLERS, ARRIVALS_PER_SECOND, n -> caller(agiPort, 10_000 + n, TALK));
        }
        List<String> script = burst.calls.get(0).commands();
        assertThat(burst.calls).allSatisfy(call -> assertThat(call.commands()).hasSameSizeAs(script));
        // at the paced peak nearly every agent is talking: a caller may wait a moment on music, and is still served
        assertThat(paced.calls).allSatisfy(call -> assertThat(call.commands())
                .anyMatch(command -> command.startsWith("EXEC \"Dial\"")).endsWith("HANGUP"));

        Run bareBurst;
        Run barePaced;
        DefaultAgiServer baseline = bareServer(script);
        try {
            run(WARM_UP, ALL_AT_ONCE, n -> caller(baseline.getPort(), 90_000 + n, Duration.ZERO));
            bareBurst = run(CALLERS, ALL_AT_ONCE, n -> caller(baseline.getPort(), n, Duration.ZERO));
            barePaced = run(CALLERS, ARRIVALS_PER_SECOND, n -> caller(baseline.getPort(), n, TALK));
        } finally {
            baseline.shutdown();
        }

        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("agi_sessions", CALLERS);
        figures.put("agi_commands_per_s", Math.round(burst.commandsPerSecond()));
        figures.put("agi_calls_per_s", Math.round(burst.callsPerSecond() * 10) / 10.0);
        figures.put("agi_p50_ms", round(burst.turnarounds().millis(50)));
        figures.put("agi_p99_ms", round(burst.turnarounds().millis(99)));
        figures.put("baseline_agi_commands_per_s", Math.round(bareBurst.commandsPerSecond()));
        figures.put("baseline_agi_p50_ms", round(bareBurst.turnarounds().millis(50)));
        figures.put("baseline_agi_p99_ms", round(bareBurst.turnarounds().millis(99)));
        figures.put("agi_paced_p50_ms", round(paced.turnarounds().millis(50)));
        figures.put("agi_paced_p99_ms", round(paced.turnarounds().millis(99)));
        figures.put("baseline_agi_paced_p50_ms", round(barePaced.turnarounds().millis(50)));
        figures.put("baseline_agi_paced_p99_ms", round(barePaced.turnarounds().millis(99)));
        figures.put("agi_calls_in_progress_peak", load.activePeak());
        figures.put("agi_commands_per_call", script.size());
        figures.put("heap_mb_peak", Math.round(load.heapPeakMb()));
        figures.put("heap_mb_after_gc_peak", Math.round(load.afterGcPeakMb()));
        figures.put("threads_peak", load.threadPeak());
        BenchResults.record(figures);
        System.out.println("AGI load: " + figures);
        printSlowestSteps("all at once", burst);
        printSlowestSteps(ARRIVALS_PER_SECOND + " a second, talking " + TALK.toSeconds() + " s", paced);
    }

    /** Every caller a number of their own, so first-asker routing does not hold them for one agent. */
    private static AgiStandIn caller(int port, int n, Duration talk) {
        return AgiStandIn.call(port).script("ivr?menu=12333").from(String.format("137%08d", n)).keys("5").keys("1")
                .keys(ID).keys("123456").listensTo("after-query").keys("0").keys("1").talksFor(talk);
    }

    /** @param arrivalsPerSecond how fast callers come, or {@link #ALL_AT_ONCE} */
    private static Run run(int callers, int arrivalsPerSecond, IntFunction<AgiStandIn> caller)
            throws InterruptedException {
        List<SimulatedCall> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < callers; i++) {
            long wait = arrivalsPerSecond == ALL_AT_ONCE ? 0
                    : start + i * 1_000_000_000L / arrivalsPerSecond - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            calls.add(caller.apply(i).start());
        }
        calls.forEach(call -> call.awaitEnd(Duration.ofMinutes(5)));
        return new Run(calls, System.nanoTime() - start);
    }

    private static void printSlowestSteps(String load, Run run) {
        System.out.println("Slowest steps, " + load + " (command answered -> next command), p50 / p99 ms:");
        run.bySteps().forEach((step, times) -> System.out.printf("  %8.3f %9.3f  after %s%n", times.millis(50),
                times.millis(99), step));
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

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static final class Run {
        final List<SimulatedCall> calls;
        final long nanos;

        Run(List<SimulatedCall> calls, long nanos) {
            this.calls = calls;
            this.nanos = nanos;
        }

        long commands() {
            return calls.stream().mapToLong(call -> call.commands().size()).sum();
        }

        double commandsPerSecond() {
            return commands() / (nanos / 1e9);
        }

        double callsPerSecond() {
            return calls.size() / (nanos / 1e9);
        }

        /** Turnarounds grouped by the command answered before them (its first two words), slowest p99 first. */
        Map<String, Percentiles> bySteps() {
            Map<String, List<Long>> byStep = new HashMap<>();
            for (SimulatedCall call : calls) {
                for (AgiStandIn.Turnaround turnaround : call.turnarounds()) {
                    String after = turnaround.after() == null ? "(headers)" : turnaround.after();
                    String[] words = after.split(" ");
                    // EXEC by application (their arguments name the call); other commands with their first argument
                    String step = words.length > 2 ? String.join(" ", words[0], words[1],
                            words[0].equals("EXEC") ? "" : words[2]).strip() : after;
                    byStep.computeIfAbsent(step, k -> new ArrayList<>()).add(turnaround.nanos());
                }
            }
            Map<String, Percentiles> sorted = new LinkedHashMap<>();
            byStep.entrySet().stream().map(e -> Map.entry(e.getKey(), new Percentiles(e.getValue())))
                    .sorted((a, b) -> Double.compare(b.getValue().millis(99), a.getValue().millis(99))).limit(12)
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted;
        }

        Percentiles turnarounds() {
            List<Long> nanos = new ArrayList<>();
            for (SimulatedCall call : calls) {
                for (AgiStandIn.Turnaround turnaround : call.turnarounds()) {
                    if (turnaround.after() == null || !turnaround.after().startsWith("SET MUSIC ON")) {
                        nanos.add(turnaround.nanos());
                    }
                }
            }
            return new Percentiles(nanos);
        }
    }
}
