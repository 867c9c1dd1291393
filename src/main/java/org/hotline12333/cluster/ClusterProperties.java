package org.hotline12333.cluster;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How instances watch each other (docs/scaling.md).
 *
 * @param heartbeatInterval how often an instance renews its lease, and looks for instances whose lease ran out
 * @param lease             an instance silent this long is taken for dead: a surviving instance closes its calls,
 *                          their recordings and its agents' claims. Longer than a pause of the JVM or the database
 * @param commandTimeout    how long a request forwarded to the instance holding a call may take
 * @param commandPoll       how often an instance looks for commands addressed to it when no notification came (on
 *                          PostgreSQL a notification wakes it at once)
 */
@Validated
@ConfigurationProperties("hotline.cluster")
public record ClusterProperties(@DefaultValue("5s") @NotNull Duration heartbeatInterval,
                                @DefaultValue("30s") @NotNull Duration lease,
                                @DefaultValue("10s") @NotNull Duration commandTimeout,
                                @DefaultValue("1s") @NotNull Duration commandPoll) {

    public ClusterProperties {
        if (lease.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("hotline.cluster.lease (" + lease + ") must be at least twice "
                    + "hotline.cluster.heartbeat-interval (" + heartbeatInterval + ")");
        }
    }
}
