package org.hotline12333.cluster;

import java.time.Instant;

/**
 * An instance as the database knows it.
 *
 * @param alive       its lease is fresh and it has not stopped
 * @param takenOverBy the instance that closed what it left open after its lease ran out (null: none)
 */
public record InstanceView(String name, Instant startedAt, Instant heartbeatAt, Instant stoppedAt, String takenOverBy,
                           Instant takenOverAt, boolean alive) {
}
