package org.hotline12333.routing;

import java.time.Instant;

/**
 * Published when a caller starts waiting for an agent: handed over by the IVR, or back in the queue after a blind
 * transfer (then {@code transferredBy} is the agent who transferred them). {@code queuedAt} is when the caller first
 * asked for a person; a transferred caller keeps it.
 */
public record CallQueued(String callId, String skillGroup, String post, int priority, Instant queuedAt,
                         String transferredBy, Instant at) {
}
