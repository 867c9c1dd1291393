package org.hotline12333.alert;

import java.time.Instant;

/**
 * @param subject what the alert is about: a call id, recording id, node name or agent work number
 */
public record AlertView(long id, AlertKind kind, String subject, String message, Instant raisedAt,
                        String acknowledgedBy, Instant acknowledgedAt) {

    public boolean open() {
        return acknowledgedAt == null;
    }
}
