package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Remote seats (远程座席): an agent on another node is dialled through that node's trunk. */
class DialStringsTest {

    private final RoutingProperties properties = new RoutingProperties("", RoutingProperties.Strategy.LONGEST_IDLE,
            Duration.ofSeconds(15), "gt", "default", Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(5), Duration.ofSeconds(60), 3, Duration.ofDays(7), Duration.ofSeconds(10),
            Duration.ofSeconds(180), Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(60), 3, Duration.ofSeconds(30), "12333", "hotline-outbound", "hotline-internal",
            Map.of("district-east", "PJSIP/{extension}@district-east"));

    @Test
    void anAgentOnTheCallersNodeIsDialledDirectly() {
        assertThat(DialStrings.forAgent(properties, "central", "central", "PJSIP/1001")).isEqualTo("PJSIP/1001");
    }

    @Test
    void anAgentOnAnotherNodeIsDialledThroughThatNodesTrunk() {
        assertThat(DialStrings.forAgent(properties, "central", "district-east", "PJSIP/3001"))
                .isEqualTo("PJSIP/3001@district-east");
    }

    @Test
    void aChannelNameGivesItsEndpoint() {
        assertThat(DialStrings.endpointOf("PJSIP/1003-0000001a")).isEqualTo("PJSIP/1003");
        assertThat(DialStrings.extension("PJSIP/1003")).isEqualTo("1003");
    }
}
