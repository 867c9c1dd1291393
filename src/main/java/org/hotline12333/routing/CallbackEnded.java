package org.hotline12333.routing;

import java.time.Instant;

/**
 * A callback's call is over (the agent was rung, then the citizen dialled from the agent's call).
 *
 * @param callId    the callback's own Call record (recorded like every call)
 * @param reference what the callback was about, as requested (a case number), or null
 * @param answered  whether the citizen answered
 */
public record CallbackEnded(long callbackId, String callId, String agent, String reference, boolean answered,
                            String outcome, Instant at) {
}
