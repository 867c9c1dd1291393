package org.hotline12333.call;

import java.time.Instant;

public record CallEnded(String callId, EndedBy endedBy, String reason, Instant at) {
}
