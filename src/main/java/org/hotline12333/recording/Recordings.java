package org.hotline12333.recording;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recordings for other features and the API: finding them, and the marks that keep a recording beyond retention
 * (legal hold, an open complaint, a score appeal) or describe it (its quality score). Every change is written to
 * the row, the sidecar and the access log.
 */
@Service
public class Recordings {

    private static final Logger log = LoggerFactory.getLogger(Recordings.class);

    private final RecordingRepository recordings;
    private final Sidecars sidecars;
    private final AccessLog accessLog;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    Recordings(RecordingRepository recordings, Sidecars sidecars, AccessLog accessLog,
               TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.recordings = recordings;
        this.sidecars = sidecars;
        this.accessLog = accessLog;
        this.transactions = transactions;
        this.events = events;
    }

    public Optional<RecordingView> find(String recordingId) {
        return recordings.findById(recordingId).map(Recording::view);
    }

    public Optional<RecordingView> findByCall(String callId) {
        return recordings.findByCallId(callId).map(Recording::view);
    }

    /** The quality module marks a recording whose score is under appeal, so retention keeps it. */
    public RecordingView setScoreAppealOpen(String recordingId, boolean open, String by) {
        return change(recordingId, by, "score appeal " + (open ? "open" : "closed"), r -> r.scoreAppealOpen(open));
    }

    /** The quality module records the call's total score, for searching recordings by score. */
    public RecordingView recordScore(String recordingId, BigDecimal total, String by) {
        return change(recordingId, by, "score " + total, r -> r.score(total));
    }

    RecordingView setLegalHold(String recordingId, boolean on, String by, String reason) {
        return change(recordingId, by, "legal hold " + (on ? "on" : "off") + reasonText(reason), r -> r.legalHold(on));
    }

    /**
     * Ties the recording to a complaint (quality's work queue takes the call; retention keeps it) or unties it:
     * supervisors do it here, the cases feature for a complaint about the agent of the call.
     */
    public RecordingView setComplaintOpen(String recordingId, boolean open, String by, String reason) {
        return change(recordingId, by, "complaint " + (open ? "open" : "closed") + reasonText(reason), r -> {
            r.complaintOpen(open);
            events.publishEvent(new ComplaintChanged(r.id(), r.callId(), open, by, reason));
        });
    }

    List<RecordingView> search(RecordingSearch search, int limit) {
        return recordings.findAll(search.specification(), PageRequest.of(0, limit, Sort.by(Sort.Direction.DESC,
                "startedAt"))).stream().map(Recording::view).toList();
    }

    private RecordingView change(String recordingId, String by, String what, Consumer<Recording> change) {
        RecordingView changed = sidecars.locked(recordingId, () -> {
            RecordingView view = transactions.execute(status -> {
                Recording recording = recordings.findById(recordingId)
                        .orElseThrow(() -> new NoSuchElementException("no recording " + recordingId));
                change.accept(recording);
                return recording.view();
            });
            if (view.state() != RecordingState.RECORDING) {
                try {
                    sidecars.write(view);
                } catch (IOException | RuntimeException e) {
                    log.warn("Recording {}: {} is stored, but its sidecar could not be updated ({}); the integrity "
                            + "sweep will rewrite it", recordingId, what, RecordingFinisher.reason(e));
                }
            }
            return view;
        });
        accessLog.record(by, AccessAction.CHANGE, recordingId, changed.callId(), null, what);
        log.info("Recording {}: {} by {}", recordingId, what, by);
        return changed;
    }

    private static String reasonText(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
    }
}
