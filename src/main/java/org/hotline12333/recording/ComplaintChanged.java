package org.hotline12333.recording;

/**
 * A supervisor tied a recording to a complaint, or closed it. Published inside the transaction that changes the
 * recording, so a listener's own writes commit or roll back with it (quality queues complained-about calls).
 *
 * @param open   whether the complaint is open now
 * @param by     who changed it
 * @param reason what they gave as the reason, if anything
 */
public record ComplaintChanged(String recordingId, String callId, boolean open, String by, String reason) {
}
