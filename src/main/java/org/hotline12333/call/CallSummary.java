package org.hotline12333.call;

import java.time.Instant;

/** A call record as other features and the API see it. */
public record CallSummary(String id, String node, String uniqueId, String channel, String callerNumber,
                          String callerName, String dialledNumber, String script, Instant startedAt,
                          Instant endedAt, EndedBy endedBy, String endReason, Satisfaction satisfaction) {

    public boolean open() {
        return endedAt == null;
    }
}
