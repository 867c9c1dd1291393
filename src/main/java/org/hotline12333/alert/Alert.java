package org.hotline12333.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "alert")
class Alert {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlertKind kind;

    private String subject;

    @Column(nullable = false)
    private String message;

    @Column(name = "raised_at", nullable = false)
    private Instant raisedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "call_id")
    private String callId;

    private String agent;

    protected Alert() {
    }

    Alert(AlertKind kind, String subject, String message, Instant raisedAt, String callId, String agent) {
        this.kind = kind;
        this.callId = callId;
        this.agent = agent;
        this.subject = subject;
        this.message = message.length() <= 500 ? message : message.substring(0, 500);
        this.raisedAt = raisedAt;
    }

    void acknowledge(String by, Instant at) {
        if (acknowledgedAt == null) {
            this.acknowledgedBy = by;
            this.acknowledgedAt = at;
        }
    }

    AlertView view() {
        return new AlertView(id, kind, subject, message, raisedAt, acknowledgedBy, acknowledgedAt, callId, agent);
    }
}
