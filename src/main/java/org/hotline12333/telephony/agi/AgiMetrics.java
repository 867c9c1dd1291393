package org.hotline12333.telephony.agi;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** FastAGI load in {@code /actuator/metrics}: calls in progress, and callers turned away when full. */
@Component
class AgiMetrics implements MeterBinder {

    private final FastAgiService agi;

    AgiMetrics(FastAgiService agi) {
        this.agi = agi;
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
