package org.hotline12333.call;

import java.time.Instant;

public record CallStarted(String callId, String node, String uniqueId, String callerNumber, String dialledNumber,
                          String script, Instant at) {
}
