package org.hotline12333.routing;

import java.time.Duration;
import java.util.Map;

/** Routing properties as application.yml sets them, for tests that build routing's parts without the service. */
final class RoutingPropertiesFixture {

    private RoutingPropertiesFixture() {
    }

    /** The defaults, with agents on node district-east dialled through {@code template}. */
    static RoutingProperties withRemoteDial(String template) {
        return new RoutingProperties("", RoutingProperties.Strategy.LONGEST_IDLE,
                Duration.ofSeconds(15), "gt", "default", Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofSeconds(60), 3, Duration.ofDays(7), Duration.ofSeconds(10),
                Duration.ofSeconds(180), Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(60), 3, Duration.ofSeconds(30), "12333", "hotline-outbound", "hotline-internal",
                Map.of("district-east", template));
    }
}
