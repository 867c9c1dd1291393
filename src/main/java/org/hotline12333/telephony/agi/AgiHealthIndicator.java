package org.hotline12333.telephony.agi;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** FastAGI in {@code /actuator/health}: up while it listens, with how full it is. */
@Component("agi")
class AgiHealthIndicator implements HealthIndicator {

    private final FastAgiService agi;

    AgiHealthIndicator(FastAgiService agi) {
        this.agi = agi;
    }

    @Override
    public Health health() {
        Health.Builder health = agi.isRunning() ? Health.up() : Health.down().withDetail("reason", "not listening");
        return health.withDetail("port", agi.port())
                .withDetail("activeCalls", agi.activeCalls())
                .withDetail("maxCalls", agi.maxCalls())
                .withDetail("overflowedCalls", agi.overflowed())
                .withDetail("refusedCalls", agi.refused())
                .withDetail("refusedPeers", agi.gate().refusedPeers())
                .withDetail("cutOffConnections", agi.gate().cutOff() + agi.gate().refusedPending())
                .build();
    }
}
