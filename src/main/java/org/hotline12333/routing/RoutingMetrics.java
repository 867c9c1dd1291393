package org.hotline12333.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Routing in {@code /actuator/metrics} and {@code /actuator/prometheus}: agents by state (from the database, so every
 * instance reports the whole centre: take the max across instances, not the sum) and the callers waiting on this
 * instance (sum across instances), with the longest wait. A scrape reads the agents once for all the states.
 */
@Component
class RoutingMetrics implements MeterBinder {

    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final RoutingStatus status;
    private final Clock clock;
    private Map<AgentState, Integer> byState = Map.of();
    private long readAt;

    RoutingMetrics(RoutingStatus status, Clock clock) {
        this.status = status;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (AgentState state : AgentState.values()) {
            Gauge.builder("hotline.routing.agents", this, metrics -> metrics.agentsIn(state)).tag("state", state.name())
                    .description("agents in this state, in the whole centre").register(registry);
        }
        Gauge.builder("hotline.routing.callers.waiting", status, s -> s.waiting().size())
                .description("callers waiting for an agent on this instance").register(registry);
        Gauge.builder("hotline.routing.wait.longest", this, RoutingMetrics::longestWaitSeconds).baseUnit("seconds")
                .description("how long the longest-waiting caller on this instance has waited").register(registry);
    }

    private synchronized int agentsIn(AgentState state) {
        if (readAt == 0 || System.nanoTime() - readAt > FRESH_NANOS) {
            Map<AgentState, Integer> counts = new EnumMap<>(AgentState.class);
            status.agents().forEach(agent -> counts.merge(agent.state(), 1, Integer::sum));
            byState = counts;
            readAt = System.nanoTime();
        }
        return byState.getOrDefault(state, 0);
    }

    private double longestWaitSeconds() {
        List<RoutingStatus.WaitingCaller> waiting = status.waiting();
        Instant now = clock.instant();
        return waiting.stream().map(RoutingStatus.WaitingCaller::queuedAt)
                .mapToDouble(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0)).max().orElse(0);
    }
}
