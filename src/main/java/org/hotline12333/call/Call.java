package org.hotline12333.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** One call: opened when Asterisk hands the channel to the service, closed when the session ends, whatever ends it. */
@Entity
@Table(name = "calls")
@DynamicUpdate // routing fields are written by bulk updates; closing must not overwrite them
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

    @Column(name = "outbound_purpose")
    private String outboundPurpose;

    @Column(name = "skill_group")
    private String skillGroup;

    private Integer priority;

    @Column(name = "queued_at")
    private Instant queuedAt;

    @Column(name = "connected_at")
    private Instant connectedAt;

    @Column(name = "talk_ended_at")
    private Instant talkEndedAt;

    private String agent;

    @Column(name = "chosen_by")
    private String chosenBy;

    @Column(name = "choice_reason")
    private String choiceReason;

    @Enumerated(EnumType.STRING)
    private CallOutcome outcome;

    @Column(name = "wrap_up_ended_at")
    private Instant wrapUpEndedAt;

    private String disposition;

    private String note;

    @Column(name = "call_data")
    private String callData;

    // a wrapper, null until stored, so that saving a new call (its id is ours, a UUID) inserts at once instead of
    // first selecting by id to tell new from detached
    @Version
    private Long version;

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

    String handledBy() {
        return handledBy;
    }

    CallSummary summary() {
        return new CallSummary(id, node, uniqueId, channel, callerNumber, callerName, dialledNumber, script,
                startedAt, endedAt, endedBy, endReason, satisfaction, new CallSummary.Routing(skillGroup, priority, queuedAt,
                connectedAt, talkEndedAt, agent, chosenBy, choiceReason, outcome, wrapUpEndedAt, disposition, note,
                CallData.parse(callData)), outboundPurpose);
    }
}
