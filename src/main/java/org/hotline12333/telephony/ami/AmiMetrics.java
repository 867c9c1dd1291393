package org.hotline12333.telephony.ami;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.hotline12333.telephony.AsteriskProperties;
import org.springframework.stereotype.Component;

/**
 * AMI in {@code /actuator/metrics} and {@code /actuator/prometheus}: whether each node is up (1) or down (0), the
 * events waiting for the listeners, and the lag from an event's arrival to its listeners.
 */
@Component
class AmiMetrics implements MeterBinder {

    private final AmiConnections connections;
    private final AsteriskProperties properties;

    AmiMetrics(AmiConnections connections, AsteriskProperties properties) {
        this.connections = connections;
        this.properties = properties;
    }

    /** From asterisk-java's hand-over of an event to its delivery to the service's listeners (the node's queue). */
    static Timer lag(MeterRegistry registry) {
        return Timer.builder("hotline.ami.events.lag")
                .description("time from an AMI event's hand-over by asterisk-java to its delivery to the service's listeners")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("hotline.ami.events.backlog", connections, AmiConnections::backlog)
                .description("AMI events received but not yet handed to the service's listeners").register(registry);
        for (AsteriskProperties.Node node : properties.nodes()) {
            Gauge.builder("hotline.ami.node.up", connections, c -> c.isUp(node.name()) ? 1 : 0)
                    .tag("node", node.name()).description("AMI connection logged in").register(registry);
        }
    }
}
