package org.hotline12333.routing;

import java.time.Instant;

/**
 * Published after every agent state change has been stored.
 *
 * @param pauseReason set when {@code to} is PAUSED
 * @param callId      the call the change is about (RESERVED, ON_CALL, WRAP_UP), else null
 * @param note        why, in words, when there is more to say ("phone unreachable", "ring-no-answer")
 */
public record AgentStateChanged(String workNumber, AgentState from, AgentState to, PauseReason pauseReason,
                                String callId, String note, Instant at) {
}
