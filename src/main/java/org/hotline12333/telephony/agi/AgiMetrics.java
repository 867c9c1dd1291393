package org.hotline12333.telephony.agi;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * FastAGI load in {@code /actuator/metrics} and {@code /actuator/prometheus}: calls in progress, callers turned away
 * when full, and the service's turnaround (Asterisk's reply to the service's next command).
 */
@Component
class AgiMetrics implements MeterBinder {

    private final FastAgiService agi;

    AgiMetrics(FastAgiService agi) {
        this.agi = agi;
    }

    /** The service's think time between Asterisk's reply (or the session's headers) and its next command. */
    static Timer turnaround(MeterRegistry registry) {
        return Timer.builder("hotline.agi.turnaround")
                .description("time from Asterisk's reply (or the request's headers) to the service's next command")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(2)).register(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hotline.agi.calls.active", agi, FastAgiService::activeCalls)
                .description("calls in an AGI session now").register(registry);
        Gauge.builder("hotline.agi.calls.max", agi, FastAgiService::maxCalls)
                .description("calls the service takes at once").register(registry);
        FunctionCounter.builder("hotline.agi.calls.overflowed", agi, FastAgiService::overflowed)
                .description("callers answered with the busy message because all call threads were taken")
                .register(registry);
        FunctionCounter.builder("hotline.agi.calls.refused", agi, FastAgiService::refused)
                .description("connections closed because even the overflow threads were taken").register(registry);
        AgiGate gate = agi.gate();
        FunctionCounter.builder("hotline.agi.peers.refused", gate, AgiGate::refusedPeers)
                .description("connections refused because the peer is not in hotline.agi.allowed-peers")
                .register(registry);
        FunctionCounter.builder("hotline.agi.connections.cut-off", gate, g -> g.cutOff() + g.refusedPending())
                .description("connections closed for a late, oversized or excessive request, or for too many "
                        + "waiting from one address").register(registry);
    }
}
