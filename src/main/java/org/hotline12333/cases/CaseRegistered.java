package org.hotline12333.cases;

import java.time.Instant;

/**
 * A case was registered (after its transaction committed).
 *
 * @param callId the call it was registered from
 * @param owner  work number of the agent who owns it (首问负责)
 */
public record CaseRegistered(String number, CaseKind kind, String classification, String callId, String owner,
                             boolean urgent, Instant at) {
}
