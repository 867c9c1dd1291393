package org.hotline12333.ivr;

import java.time.Instant;

/** Published when a caller reaches a node of an IVR script (and {@code survey} after the agent), for the live floor. */
public record IvrNodeEntered(String callId, String menu, String node, Instant at) {
}
