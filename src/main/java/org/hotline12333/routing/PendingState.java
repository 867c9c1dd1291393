package org.hotline12333.routing;

import java.time.Instant;

/**
 * A state a supervisor forced on an agent who was on a call: it is applied when the call ends.
 *
 * @param by     the supervisor
 * @param at     when it was asked for
 * @param reason why, in the supervisor's words
 */
public record PendingState(AgentState state, PauseReason pauseReason, String by, Instant at, String reason) {
}
