package org.hotline12333.call;

import java.time.Instant;

public record SatisfactionRecorded(String callId, Satisfaction satisfaction, Instant at) {
}
