package org.hotline12333.outreach;

import java.time.Instant;
import java.util.List;

/**
 * A text message as staff see it: the number masked (138****8000), its text, and where it is, down to each segment's
 * delivery receipt.
 *
 * @param waitingFor while QUEUED: GATEWAY (not bound), QUIET_HOURS, RATE_LIMIT, THROTTLED (the gateway asked for a
 *                   rest), RETRY (after a passing refusal); null when due now
 */
public record SmsView(long id, SmsPurpose purpose, String recipient, String text, int segmentCount,
                      String callId, String caseNumber, String articleCode, Integer articleVersion,
                      String requestedBy, Instant createdAt, SmsState state, String stateName, String waitingFor,
                      int attempts, Instant nextAttemptAt, Instant sentAt, Instant deliveredAt, String lastError,
                      List<Segment> segments) {

    /** @param state PENDING, SUBMITTING, SUBMITTED, REFUSED or UNCERTAIN; {@code receipt} the gateway's final word */
    public record Segment(int seq, String state, String gatewayId, Instant submittedAt, String receipt,
                          String receiptError, Instant receiptAt) {
    }
}
