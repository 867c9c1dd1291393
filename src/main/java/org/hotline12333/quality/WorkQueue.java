package org.hotline12333.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.call.SatisfactionRecorded;
import org.hotline12333.recording.ComplaintChanged;
import org.hotline12333.speech.Finding;
import org.hotline12333.speech.FindingsReady;
import org.hotline12333.speech.VetoProposed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The supervisors' work queue: calls waiting to be scored, and why. The daily sample adds calls; a 不满意 survey, a
 * complaint or a speech finding adds the call at once (in the transaction that records it). A call scored already
 * comes back into the queue when a new reason other than the sample arrives after its score.
 */
@Component
class WorkQueue {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    private final JdbcClient db;
    private final CallRecords calls;
    private final QualityProperties properties;
    private final Clock clock;

    WorkQueue(JdbcClient db, CallRecords calls, QualityProperties properties, Clock clock) {
        this.db = db;
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    /** Why a call is in the queue; the column that says so. */
    enum Reason {
        /** drawn in the daily random sample */
        SAMPLE("sampled"),
        /** the caller answered 不满意 in the survey */
        DISSATISFIED("dissatisfied"),
        /** the recording was tied to a complaint */
        COMPLAINT("complaint"),
        /** speech analytics found something (a forbidden phrase, no greeting...) */
        FINDING("finding");

        private final String column;

        Reason(String column) {
            this.column = column;
        }
    }

    /**
     * @param state    OPEN (to be scored) or SCORED
     * @param reasons  why it is in the queue
     * @param reasonAt when the latest reason arrived
     * @param sheet    where to score it
     */
    record Entry(String callId, String agent, Instant connectedAt, List<Reason> reasons, String findingDetail,
                 String state, Instant queuedAt, Instant reasonAt, Instant scoredAt, String sheet) {
    }

    @EventListener
    void on(SatisfactionRecorded survey) {
        if (survey.satisfaction() == Satisfaction.DISSATISFIED) {
            add(survey.callId(), Reason.DISSATISFIED, null);
        }
    }

    @EventListener
    void on(ComplaintChanged complaint) {
        if (complaint.open()) {
            add(complaint.callId(), Reason.COMPLAINT, null);
        }
    }

    @EventListener
    void on(FindingsReady ready) {
        List<Finding> notable = ready.findings().stream()
                .filter(finding -> properties.sampling().findingKinds().contains(finding.kind())).toList();
        if (!notable.isEmpty()) {
            add(ready.callId(), Reason.FINDING, notable.stream().map(f -> f.kind().name()).distinct()
                    .collect(Collectors.joining(", ")));
        }
    }

    @EventListener
    void on(VetoProposed proposed) {
        add(proposed.callId(), Reason.FINDING, "veto proposed: " + SpeechFacts.evidence(proposed));
    }

    /** Queues the call for this reason, if an agent answered it. */
    void add(String callId, Reason reason, String detail) {
        if (callId == null) {
            return;
        }
        calls.find(callId).ifPresent(call -> add(call, reason, detail));
    }

    void add(CallSummary call, Reason reason, String detail) {
        if (call.routing() == null || call.routing().agent() == null || call.routing().connectedAt() == null) {
            log.debug("Call {} not queued for scoring ({}): no agent answered it", call.id(), reason);
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        db.sql("""
                INSERT INTO quality_queue (call_id, agent, connected_at, state, queued_at, reason_at)
                VALUES (:id, :agent, :connected, CASE WHEN EXISTS (SELECT 1 FROM quality_score s
                    WHERE s.call_id = :id) THEN 'SCORED' ELSE 'OPEN' END, :now, :now) ON CONFLICT DO NOTHING""")
                .param("id", call.id()).param("agent", call.routing().agent())
                .param("connected", Timestamp.from(call.routing().connectedAt())).param("now", now).update();
        String reopen = reason == Reason.SAMPLE ? "" : ", state = 'OPEN', reason_at = :now";
        JdbcClient.StatementSpec update = db.sql("UPDATE quality_queue SET " + reason.column + " = TRUE" + reopen
                        + (detail == null ? "" : ", finding_detail = :detail")
                        + " WHERE call_id = :id AND NOT " + reason.column)
                .param("id", call.id());
        update = reason == Reason.SAMPLE ? update : update.param("now", now);
        (detail == null ? update : update.param("detail", limit(detail))).update();
    }

    /** The call has been scored now: its entry (if any) is done. */
    void scored(String callId, Instant at) {
        db.sql("UPDATE quality_queue SET state = 'SCORED', scored_at = ? WHERE call_id = ?")
                .params(Timestamp.from(at), callId).update();
    }

    /** Calls waiting to be scored: complaints first, then findings, 不满意, the sample; oldest call first. */
    List<Entry> open(String agent, int limit) {
        JdbcClient.StatementSpec query = db.sql("SELECT * FROM quality_queue WHERE state = 'OPEN'"
                        + (agent == null ? "" : " AND agent = :agent")
                        + " ORDER BY complaint DESC, finding DESC, dissatisfied DESC, connected_at, call_id LIMIT :limit")
                .param("limit", limit);
        return (agent == null ? query : query.param("agent", agent)).query(WorkQueue::entry).list();
    }

    Optional<Entry> find(String callId) {
        return db.sql("SELECT * FROM quality_queue WHERE call_id = ?").param(callId).query(WorkQueue::entry).optional();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        List<Reason> reasons = new ArrayList<>();
        for (Reason reason : Reason.values()) {
            if (rs.getBoolean(reason.column)) {
                reasons.add(reason);
            }
        }
        Timestamp scored = rs.getTimestamp("scored_at");
        String callId = rs.getString("call_id");
        return new Entry(callId, rs.getString("agent"), rs.getTimestamp("connected_at").toInstant(), reasons,
                rs.getString("finding_detail"), rs.getString("state"), rs.getTimestamp("queued_at").toInstant(),
                rs.getTimestamp("reason_at").toInstant(), scored == null ? null : scored.toInstant(),
                "/api/quality/calls/" + callId);
    }

    private static String limit(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
