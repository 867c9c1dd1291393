package org.hotline12333.call;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One leg of a call: the agent it was put through to, a transfer target, a third party brought in. Read here; its
 * start, channel, answer and end are written by {@link CallUpdates}, each to its own columns.
 */
@Entity
@Table(name = "call_leg")
class CallLeg {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "call_id", nullable = false)
    private String callId;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String party;

    private String agent;

    private String channel;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    private String outcome;

    protected CallLeg() {
    }

    long id() {
        return id;
    }

    CallLegView view() {
        return new CallLegView(id, callId, CallLegView.Kind.valueOf(kind), party, agent, channel, startedAt,
                answeredAt, endedAt, outcome);
    }
}
