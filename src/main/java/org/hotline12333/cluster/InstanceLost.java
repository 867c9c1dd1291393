package org.hotline12333.cluster;

import java.time.Instant;

/**
 * Another instance stopped renewing its lease and this instance claimed it: listeners close what it left open (its
 * calls, their recordings, its agents' claims). Published once in the whole cluster, inside the claim's transaction,
 * so a failing listener leaves the claim to be tried again.
 *
 * @param instance      the lost instance's name
 * @param lastHeartbeat when it last renewed its lease
 * @param at            when this instance claimed it
 * @param by            this instance
 */
public record InstanceLost(String instance, Instant lastHeartbeat, Instant at, String by) {
}
