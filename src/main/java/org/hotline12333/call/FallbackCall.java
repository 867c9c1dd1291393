package org.hotline12333.call;

import java.time.Instant;

/**
 * A call the service never saw, as Asterisk recorded it: the dialplan's fallback answered it, queued it for whoever
 * was free, and wrote a call detail record ({@link CallRecords#importFromFallback}).
 *
 * @param uniqueId    the caller's channel's unique id (the CDR's linkedid)
 * @param queuedAt    when it joined the fallback queue, or null if it never did
 * @param connectedAt when an agent answered, or null
 * @param agent       the agent who answered (work number), or null
 * @param outcome     ANSWERED, ABANDONED (the caller hung up first) or NOT_SERVED (the queue gave up)
 * @param reason      what happened, for the record's end reason
 */
public record FallbackCall(String node, String uniqueId, String channel, String callerNumber, String dialledNumber,
                           Instant startedAt, Instant queuedAt, Instant connectedAt, String agent, Instant endedAt,
                           CallOutcome outcome, String reason) {

    /** The name written as the handler of such calls, and their skill group in the figures. */
    public static final String HANDLER = "fallback";
}
