package org.hotline12333.telephony;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Asterisk nodes this service works with (a central node, and district nodes for remote seats).
 *
 * @param nodes                 one entry per node; AMI connects to each
 * @param reconnectInitialDelay first wait before reconnecting a node; doubles after each failed try
 * @param reconnectMaxDelay     longest wait between reconnect tries
 * @param actionTimeout         how long an AMI action may take before it fails
 * @param keepaliveInterval     how often an idle AMI connection is pinged to find out it is dead
 */
@Validated
@ConfigurationProperties("hotline.asterisk")
public record AsteriskProperties(@DefaultValue List<@Valid Node> nodes,
                                 @DefaultValue("1s") Duration reconnectInitialDelay,
                                 @DefaultValue("30s") Duration reconnectMaxDelay,
                                 @DefaultValue("5s") Duration actionTimeout,
                                 @DefaultValue("20s") Duration keepaliveInterval) {

    @AssertTrue(message = "node names must be unique")
    boolean isEachNodeNamedOnce() {
        return nodes.stream().map(Node::name).distinct().count() == nodes.size();
    }

    /**
     * @param name           how the service calls this node (on Call records, in health, in the API)
     * @param host           where its AMI listens
     * @param port           AMI port
     * @param username       AMI user (manager.conf)
     * @param secret         AMI secret
     * @param recordingsPath where this node writes recordings, as Asterisk sees that directory
     */
    public record Node(@NotBlank String name, @NotBlank String host, @DefaultValue("5038") int port,
                       @DefaultValue("hotline") String username, String secret, String recordingsPath) {

        @Override
        public String toString() {
            return "Node[name=" + name + ", host=" + host + ", port=" + port + ", username=" + username + "]";
        }
    }
}
