package org.hotline12333.recording;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.MapKeyEnumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.BatchSize;

/** The index entry of one call's recording. Everything in it is also in the recording's sidecar. */
@Entity
@Table(name = "recording")
class Recording {

    @Id
    private String id;

    @Column(name = "call_id", nullable = false, unique = true)
    private String callId;

    @Column(nullable = false)
    private String node;

    @Column(name = "unique_id", nullable = false)
    private String uniqueId;

    private String channel;

    @Column(name = "caller_number")
    private String callerNumber;

    private String agent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecordingState state;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "legal_hold", nullable = false)
    private boolean legalHold;

    @Column(name = "complaint_open", nullable = false)
    private boolean complaintOpen;

    @Column(name = "score_appeal_open", nullable = false)
    private boolean scoreAppealOpen;

    @Column(precision = 6, scale = 2)
    private BigDecimal score;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "recording_file", joinColumns = @JoinColumn(name = "recording_id"))
    @MapKeyEnumerated(EnumType.STRING)
    @MapKeyColumn(name = "leg")
    @BatchSize(size = 100)
    private Map<Leg, RecordingFile> files = new HashMap<>();

    @Version
    private Long version;

    protected Recording() {
    }

    /**
     * The row a view describes, not managed by the entity manager: a sidecar's, to rebuild the index; the row as
     * read, to work out its close.
     */
    static Recording restored(RecordingView view) {
        Recording recording = new Recording();
        recording.id = view.id();
        recording.callId = view.callId();
        recording.node = view.node();
        recording.uniqueId = view.uniqueId();
        recording.channel = view.channel();
        recording.callerNumber = view.callerNumber();
        recording.agent = view.agent();
        recording.state = view.state();
        recording.failureReason = view.failureReason();
        recording.startedAt = view.startedAt();
        recording.endedAt = view.endedAt();
        recording.durationMs = view.durationMs();
        recording.legalHold = view.legalHold();
        recording.complaintOpen = view.complaintOpen();
        recording.scoreAppealOpen = view.scoreAppealOpen();
        recording.score = view.score();
        view.files().forEach((leg, file) -> recording.files.put(leg, new RecordingFile(file)));
        return recording;
    }

    /** The files are checked: COMPLETE when nothing is wrong, else FAILED with the reason. */
    void close(Instant endedAt, Map<Leg, RecordingView.FileView> checked, String agent, String failure) {
        this.endedAt = endedAt.truncatedTo(ChronoUnit.MILLIS);
        this.agent = agent;
        checked.forEach((leg, file) -> files.put(leg, new RecordingFile(file)));
        RecordingView.FileView mixed = checked.get(Leg.MIXED);
        this.durationMs = mixed == null ? null : mixed.durationMs();
        this.state = failure == null ? RecordingState.COMPLETE : RecordingState.FAILED;
        this.failureReason = failure == null ? null : truncate(failure);
    }

    void failToStart(Instant at, String reason) {
        this.state = RecordingState.FAILED;
        this.endedAt = at.truncatedTo(ChronoUnit.MILLIS);
        this.failureReason = truncate(reason);
    }

    void sidecarPending(String reason) {
        this.state = RecordingState.SIDECAR_PENDING;
        this.failureReason = truncate(reason);
    }

    void sidecarWritten() {
        this.state = RecordingState.COMPLETE;
        this.failureReason = null;
    }

    void legalHold(boolean on) {
        this.legalHold = on;
    }

    void complaintOpen(boolean open) {
        this.complaintOpen = open;
    }

    void scoreAppealOpen(boolean open) {
        this.scoreAppealOpen = open;
    }

    void score(BigDecimal total) {
        this.score = total == null ? null : total.setScale(2, RoundingMode.HALF_UP);
    }

    String id() {
        return id;
    }

    String callId() {
        return callId;
    }

    RecordingState state() {
        return state;
    }

    RecordingView view() {
        Map<Leg, RecordingView.FileView> fileViews = new EnumMap<>(Leg.class);
        files.forEach((leg, file) -> fileViews.put(leg, file.view()));
        return new RecordingView(id, callId, node, uniqueId, channel, callerNumber, agent, state, failureReason,
                startedAt, endedAt, durationMs, fileViews, legalHold, complaintOpen, scoreAppealOpen, score);
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
