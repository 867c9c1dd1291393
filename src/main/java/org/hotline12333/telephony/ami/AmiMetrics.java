package org.hotline12333.telephony.ami;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.hotline12333.telephony.AsteriskProperties;
import org.springframework.stereotype.Component;

/** Whether each AMI node is up (1) or down (0), in {@code /actuator/metrics}. */
@Component
class AmiMetrics implements MeterBinder {

    private final AmiConnections connections;
    private final AsteriskProperties properties;

    AmiMetrics(AmiConnections connections, AsteriskProperties properties) {
        this.connections = connections;
        this.properties = properties;
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
