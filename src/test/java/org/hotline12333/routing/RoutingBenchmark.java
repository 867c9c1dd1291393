package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.hotline12333.testkit.BenchResults;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Routing decisions on a busy floor: 2,000 agents in 200 skill groups (three groups each, levels 1-3), 1,000
 * callers waiting. Each step an agent finishes a call and becomes ready, the router picks the caller they take
 * (a decision), that caller is connected, and a new caller arrives and is routed (another decision). Not a test:
 * run with {@code ./mvnw -Pbench verify}; figures go to target/bench/results.json.
 */
@Tag("benchmark")
class RoutingBenchmark {

    static final int AGENTS = 2_000;
    static final int GROUPS = 200;
    static final int WAITING = 1_000;
    static final int WARM_UP_STEPS = 200_000;
    static final int STEPS = 300_000;

    private final SplittableRandom random = new SplittableRandom(12333);
    private final Router router = new Router(RoutingProperties.Strategy.SKILL_THEN_LONGEST_IDLE,
            Duration.ofSeconds(60), 3, (a, b) -> true);
    private final Map<String, Map<String, Integer>> skills = new HashMap<>();
    private final List<String> onCall = new ArrayList<>();
    private long version;
    private long callers;
    private Instant now = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void routingDecisionsOnABusyFloor() {
        List<RoutingConfig.Group> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            groups.add(new RoutingConfig.Group("g" + g, "group " + g, Duration.ZERO, Duration.ofSeconds(90),
                    List.of("g" + (g + 1) % GROUPS)));
        }
        router.configure(new RoutingConfig(groups, List.of()));
        for (int a = 0; a < AGENTS; a++) {
            Map<String, Integer> agentSkills = new HashMap<>();
            while (agentSkills.size() < 3) {
                agentSkills.put("g" + random.nextInt(GROUPS), 1 + random.nextInt(3));
            }
            skills.put("a" + a, agentSkills);
            setState("a" + a, AgentState.ON_CALL);
            onCall.add("a" + a);
        }
        for (int c = 0; c < WAITING; c++) {
            arrive();
        }

        run(WARM_UP_STEPS, new long[WARM_UP_STEPS * 2]);
        long[] latencies = new long[STEPS * 2];
        long start = System.nanoTime();
        int decisions = run(STEPS, latencies);
        long elapsed = System.nanoTime() - start;

        long[] measured = Arrays.copyOf(latencies, decisions);
        Arrays.sort(measured);
        double perSecond = decisions / (elapsed / 1e9);
        double p50 = measured[measured.length / 2] / 1000.0;
        double p99 = measured[(int) (measured.length * 0.99)] / 1000.0;
        System.out.printf("routing: %d decisions, %.0f decisions/s, p50 %.2f us, p99 %.2f us, %d callers waiting%n",
                decisions, perSecond, p50, p99, router.waitingCount());
        BenchResults.record(Map.of("routing_decisions_per_s", Math.round(perSecond),
                "routing_p50_us", Math.round(p50 * 100) / 100.0, "routing_p99_us", Math.round(p99 * 100) / 100.0));
    }

    /** One step: an agent becomes ready and takes a caller; a new caller arrives. Returns the decisions timed. */
    private int run(int steps, long[] latencies) {
        int n = 0;
        for (int step = 0; step < steps; step++) {
            now = now.plusMillis(50);
            String agent = onCall.remove(random.nextInt(onCall.size()));
            setState(agent, AgentState.READY);
            long t0 = System.nanoTime();
            Optional<Router.Assignment> taken = router.agentAvailable(agent);
            latencies[n++] = System.nanoTime() - t0;
            taken.ifPresent(this::connect);
            long t1 = System.nanoTime();
            Optional<Router.Assignment> routed = arrive();
            latencies[n++] = System.nanoTime() - t1;
            routed.ifPresent(this::connect);
            if (step % 64 == 0) {
                router.tick(now);
            }
        }
        return n;
    }

    private Optional<Router.Assignment> arrive() {
        String callId = "c" + callers++;
        int priority = random.nextInt(20) == 0 ? 1 : 0;
        return router.arrive(QueuedCaller.of(callId, "central", "g" + random.nextInt(GROUPS), null, priority, now), now);
    }

    private void connect(Router.Assignment assignment) {
        router.leave(assignment.callId());
        setState(assignment.workNumber(), AgentState.ON_CALL);
        onCall.add(assignment.workNumber());
    }

    private void setState(String agent, AgentState state) {
        router.putAgent(new AgentSnapshot(agent, "central", "PJSIP/" + agent, state, null,
                state == AgentState.READY ? now : null, true, ++version, skills.get(agent)));
    }
}
