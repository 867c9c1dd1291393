package org.hotline12333.call;

import java.time.Instant;

/**
 * A leg of a call as other features see it.
 *
 * @param party   who was called: an agent's endpoint, an extension or an outside number
 * @param agent   the agent's work number when the leg went to an agent
 * @param outcome how the leg ended: ANSWERED, NOANSWER, BUSY, TRANSFERRED, ... (Asterisk's DIALSTATUS or ours)
 */
public record CallLegView(long id, String callId, Kind kind, String party, String agent, String channel,
                          Instant startedAt, Instant answeredAt, Instant endedAt, String outcome) {

    public enum Kind {
        /** Routing put the caller through to an agent. */
        AGENT,
        /** An agent transferred the caller to another agent (blind or attended). */
        TRANSFER,
        /** A third party brought into the conversation (三方通话). */
        THREE_WAY,
        /** An agent calling a caller back. */
        CALLBACK,
        /** A supervisor took the call over from the agent (接管). */
        SUPERVISOR
    }
}
