package org.hotline12333.routing;

import java.time.Instant;

/** A state a supervisor forced during an agent's call was applied as the call ended. */
public record PendingStateApplied(String workNumber, PendingState state, Instant at) {
}
