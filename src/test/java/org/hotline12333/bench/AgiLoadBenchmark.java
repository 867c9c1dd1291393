package org.hotline12333.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * 1,000 callers at once through FastAGI, each walking the real 12333 menu (5, 1, ID and PIN, the pension query
 * heard to the end, 0 for a person, the agent's Dial, the survey), and then the very same sessions against a bare asterisk-java
 * FastAGI server whose script sends the same commands without deciding anything: the ratio is the project's cost.
 *
 * <p>Turnaround: from Asterisk's reply written to the service's next command read, as the AGI stand-in sees it —
 * the time the caller waits on the backend per step. The step after SET MUSIC ON (waiting for an agent, on music)
 * is left out: it is waiting by design, not work.
 */
@Tag("benchmark")
@HotlineTest
@TestPropertySource(properties = {"hotline.agi.max-calls=2000", "hotline.routing.tick=10ms",
        "hotline.routing.announce-interval=10s", "logging.level.org.hotline12333=WARN"})
class AgiLoadBenchmark {

    static final int CALLERS = 1000;
    static final String ID = "110101199003074258";

    @Value("${local.agi.port}")
    int agiPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    TestClock clock;

    @Test
    void aThousandCallersThroughThe12333MenuAndTheSameSessionsOnABareAsteriskJavaServer() throws Exception {
        clock.set(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
        BenchAgents.ready(httpPort, CALLERS, 700000);
        run(50, n -> caller(agiPort, 90_000 + n));

        Run hotline;
        try (LoadSampler load = new LoadSampler()) {
            hotline = run(CALLERS, n -> caller(agiPort, n));
            hotline.heapMb = load.heapPeakMb();
            hotline.threads = load.threadPeak();
        }
        List<String> script = hotline.calls.get(0).commands();
        assertThat(hotline.calls).allSatisfy(call -> assertThat(call.commands()).hasSameSizeAs(script));

        Run bare;
        DefaultAgiServer baseline = bareServer(script);
        try {
            run(50, n -> caller(baseline.getPort(), 90_000 + n));
            bare = run(CALLERS, n -> caller(baseline.getPort(), n));
        } finally {
            baseline.shutdown();
        }

        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("agi_sessions", CALLERS);
        figures.put("agi_commands_per_s", Math.round(hotline.commandsPerSecond()));
        figures.put("agi_calls_per_s", Math.round(hotline.callsPerSecond() * 10) / 10.0);
        figures.put("agi_p50_ms", round(hotline.turnarounds().millis(50)));
        figures.put("agi_p99_ms", round(hotline.turnarounds().millis(99)));
        figures.put("baseline_agi_commands_per_s", Math.round(bare.commandsPerSecond()));
        figures.put("baseline_agi_p50_ms", round(bare.turnarounds().millis(50)));
        figures.put("baseline_agi_p99_ms", round(bare.turnarounds().millis(99)));
        figures.put("agi_commands_per_call", script.size());
        figures.put("heap_mb_peak", Math.round(hotline.heapMb));
        figures.put("threads_peak", hotline.threads);
        BenchResults.record(figures);
        System.out.println("AGI load: " + figures);
    }

    /** Every caller a number of their own, so first-asker routing does not hold them for one agent. */
    private static AgiStandIn caller(int port, int n) {
        return AgiStandIn.call(port).script("ivr?menu=12333").from(String.format("137%08d", n)).keys("5").keys("1").keys(ID).keys("123456")
                .listensTo("after-query").keys("0").keys("1");
    }

    private static Run run(int callers, IntFunction<AgiStandIn> caller) {
        List<SimulatedCall> calls = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < callers; i++) {
            calls.add(caller.apply(i).start());
        }
        calls.forEach(call -> call.awaitEnd(java.time.Duration.ofMinutes(5)));
        return new Run(calls, System.nanoTime() - start);
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
        double heapMb;
        long threads;

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
