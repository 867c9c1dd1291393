package org.hotline12333.telephony.ami;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** AMI in {@code /actuator/health}: DOWN while any node is, with each node's state and the reason. */
@Component("ami")
class AmiHealthIndicator implements HealthIndicator {

    private final AmiConnections connections;

    AmiHealthIndicator(AmiConnections connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        boolean allUp = true;
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (AmiNode node : connections.nodes()) {
            NodeState state = node.state();
            allUp &= state.up();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", state.up() ? "UP" : "DOWN");
            detail.put("since", state.since().toString());
            if (state.up()) {
                detail.put("asterisk", state.version());
            } else {
                detail.put("reason", state.reason());
            }
            if (node.malformedLines() > 0) {
                detail.put("malformedLines", node.malformedLines());
            }
            nodes.put(node.name(), detail);
        }
        return (allUp ? Health.up() : Health.down()).withDetail("nodes", nodes).build();
    }
}
