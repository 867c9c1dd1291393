package org.hotline12333.alert;

import java.time.Instant;

/**
 * @param subject what the alert is about: a call id, recording id, node name or agent work number
 * @param callId  the call in progress it is about, when it is about one (the floor offers to listen in)
 * @param agent   the agent on that call, when known
 */
public record AlertView(long id, AlertKind kind, String subject, String message, Instant raisedAt,
                        String acknowledgedBy, Instant acknowledgedAt, String callId, String agent) {

    public boolean open() {
        return acknowledgedAt == null;
    }
}
