package org.hotline12333.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One call: opened when Asterisk hands the channel to the service, closed when the session ends, whatever ends it.
 * Read here; written by {@link CallUpdates} and the repository's updates, never by changing this entity.
 */
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

    protected Call() {
    }

    boolean isOpen() {
        return endedAt == null;
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
