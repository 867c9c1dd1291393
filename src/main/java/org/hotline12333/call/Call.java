package org.hotline12333.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One call: opened when Asterisk hands the channel to the service, closed when the session ends, whatever ends it. */
@Entity
@Table(name = "calls")
class Call {

    @Id
    private String id;

    @Column(nullable = false)
    private String node;

    @Column(name = "unique_id", nullable = false)
    private String uniqueId;

    private String channel;

    @Column(name = "caller_number")
    private String callerNumber;

    @Column(name = "caller_name")
    private String callerName;

    @Column(name = "dialled_number")
    private String dialledNumber;

    private String script;

    @Column(name = "handled_by", nullable = false)
    private String handledBy;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "ended_by")
    private EndedBy endedBy;

    @Column(name = "end_reason")
    private String endReason;

    @Enumerated(EnumType.STRING)
    private Satisfaction satisfaction;

    @Version
    private long version;

    protected Call() {
    }

    Call(String id, NewCall call, String handledBy, Instant startedAt) {
        this.id = id;
        this.node = call.node();
        this.uniqueId = call.uniqueId();
        this.channel = call.channel();
        this.callerNumber = call.callerNumber();
        this.callerName = call.callerName();
        this.dialledNumber = call.dialledNumber();
        this.script = call.script();
        this.handledBy = handledBy;
        this.startedAt = startedAt;
    }

    boolean isOpen() {
        return endedAt == null;
    }

    void close(EndedBy by, String reason, Instant at) {
        this.endedBy = by;
        this.endReason = reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
        this.endedAt = at;
    }

    String id() {
        return id;
    }

    void rate(Satisfaction satisfaction) {
        this.satisfaction = satisfaction;
    }

    CallSummary summary() {
        return new CallSummary(id, node, uniqueId, channel, callerNumber, callerName, dialledNumber, script,
                startedAt, endedAt, endedBy, endReason, satisfaction);
    }
}
