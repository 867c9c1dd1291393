package org.hotline12333.recording;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a recording whose files have stopped changing into a verified one: checks each file, hashes it, reads its
 * WAV header, writes the sidecar, then marks the row COMPLETE and publishes {@link RecordingClosed} in the same
 * transaction. A missing or empty file makes it FAILED; a sidecar that cannot be written leaves it
 * SIDECAR_PENDING with the reason. Either raises an alert. Each step happens once per recording, whatever
 * triggered it, under the recording's lock.
 */
@Component
class RecordingFinisher {

    private static final Logger log = LoggerFactory.getLogger(RecordingFinisher.class);
    static final String MISSING = "missing";

    private final RecordingRepository recordings;
    private final RecordingRows rows;
    private final RecordingLayout layout;
    private final Sidecars sidecars;
    private final AgentDirectory agents;
    private final Alerts alerts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Map<RecordingState, AtomicLong> closed = new ConcurrentHashMap<>();

    RecordingFinisher(RecordingRepository recordings, RecordingRows rows, RecordingLayout layout, Sidecars sidecars,
                      AgentDirectory agents, Alerts alerts, TransactionTemplate transactions,
                      ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.recordings = recordings;
        this.rows = rows;
        this.layout = layout;
        this.sidecars = sidecars;
        this.agents = agents;
        this.alerts = alerts;
        this.transactions = transactions;
        this.events = events;
    }

    /** Checks the files of a recording that is still RECORDING and closes it; does nothing otherwise. */
    void finish(String recordingId, Instant endedAt) {
        Optional<RecordingView> outcome = sidecars.locked(recordingId, () -> close(recordingId, endedAt));
        outcome.ifPresent(this::report);
    }

    private Optional<RecordingView> close(String recordingId, Instant endedAt) {
        RecordingView row = rows.view(recordingId).orElse(null);
        if (row == null || row.state() != RecordingState.RECORDING) {
            return Optional.empty();
        }
        // worked out on a copy of the row, not through the entity manager: the close is written below as SQL
        Recording recording = Recording.restored(row);
        Map<Leg, RecordingView.FileView> checked = new EnumMap<>(Leg.class);
        List<String> problems = new ArrayList<>();
        row.files().forEach((leg, file) -> {
            RecordingView.FileView facts = AudioFiles.inspect(layout.resolve(file.path()), file.path());
            checked.put(leg, facts);
            if (facts.problem() != null) {
                problems.add(describe(leg) + " " + facts.problem().name().toLowerCase().replace('_', ' '));
            }
        });
        String failure = problems.isEmpty() ? null : String.join("; ", problems);
        String agent = agents.agentOfCall(recording.callId()).orElse(null);
        recording.close(endedAt, checked, agent, failure);
        String sidecarError = writeSidecar(recording.view());
        if (sidecarError != null && recording.state() == RecordingState.COMPLETE) {
            recording.sidecarPending("sidecar not written: " + sidecarError);
        }
        RecordingView view = recording.view();
        return Optional.ofNullable(transactions.execute(status -> {
            if (!rows.closed(view)) {
                return null;
            }
            if (view.state() == RecordingState.COMPLETE) {
                events.publishEvent(closedEvent(view));
            }
            return view;
        }));
    }

    /** MixMonitor never started: the row is FAILED with the reason (the caller writes its sidecar off the call path). */
    void failToStart(String recordingId, String reason) {
        Optional<RecordingView> failed = sidecars.locked(recordingId, () -> Optional.ofNullable(transactions.execute(s -> {
            Recording row = recordings.findById(recordingId).orElse(null);
            if (row == null || row.state() != RecordingState.RECORDING) {
                return null;
            }
            row.failToStart(clock.instant(), reason);
            return row.view();
        })));
        failed.ifPresent(view -> count(view.state()));
    }

    /** Writes the sidecar of a finished recording as its row is now; logs instead of throwing. */
    void rewriteSidecar(String recordingId) {
        sidecars.locked(recordingId, () -> recordings.findById(recordingId).map(Recording::view)
                .filter(view -> view.state() != RecordingState.RECORDING)
                .map(this::writeSidecar)
                .orElse(null));
    }

    /**
     * A SIDECAR_PENDING recording whose files still match their hashes gets its sidecar and becomes COMPLETE (with
     * RecordingClosed). Returns what was wrong when it could not.
     */
    Optional<String> completeSidecar(String recordingId) {
        Optional<String> problem = sidecars.locked(recordingId, () -> {
            Recording recording = recordings.findById(recordingId).orElse(null);
            if (recording == null || recording.state() != RecordingState.SIDECAR_PENDING) {
                return Optional.empty();
            }
            Map<Leg, String> changed = changedFiles(recording.view());
            if (!changed.isEmpty()) {
                return Optional.of("files changed before the sidecar was written: " + changed);
            }
            recording.sidecarWritten();
            String error = writeSidecar(recording.view());
            if (error != null) {
                return Optional.of("sidecar still not written: " + error);
            }
            transactions.executeWithoutResult(status -> recordings.findById(recordingId)
                    .filter(row -> row.state() == RecordingState.SIDECAR_PENDING)
                    .ifPresent(row -> {
                        row.sidecarWritten();
                        events.publishEvent(closedEvent(row.view()));
                    }));
            log.info("Recording {} of call {} is complete: its sidecar is written at last", recordingId,
                    recording.callId());
            return Optional.empty();
        });
        return problem;
    }

    /** Files whose size or SHA-256 differ from what the row recorded, each with what is wrong; empty when all match. */
    Map<Leg, String> changedFiles(RecordingView recording) {
        Map<Leg, String> changed = new EnumMap<>(Leg.class);
        recording.files().forEach((leg, file) -> {
            if (file.sha256() == null) {
                return;
            }
            RecordingView.FileView now = AudioFiles.inspect(layout.resolve(file.path()), file.path());
            if (now.problem() == FileProblem.MISSING) {
                changed.put(leg, MISSING);
            } else if (!file.sha256().equals(now.sha256()) || !file.bytes().equals(now.bytes())) {
                changed.put(leg, "size " + file.bytes() + " -> " + now.bytes() + ", SHA-256 "
                        + (file.sha256().equals(now.sha256()) ? "same" : "differs"));
            }
        });
        return changed;
    }

    RecordingClosed closedEvent(RecordingView view) {
        Map<Leg, RecordingView.FileView> files = view.files();
        return new RecordingClosed(view.id(), view.callId(), view.node(),
                layout.resolve(files.get(Leg.MIXED).path()), layout.resolve(files.get(Leg.CALLER).path()),
                layout.resolve(files.get(Leg.OTHER).path()), view.startedAt(),
                Duration.ofMillis(view.durationMs() == null ? 0 : view.durationMs()));
    }

    long closedCount(RecordingState state) {
        return closed.computeIfAbsent(state, s -> new AtomicLong()).get();
    }

    private void report(RecordingView view) {
        count(view.state());
        switch (view.state()) {
            case COMPLETE -> log.info("Recording {} of call {} is complete: {} ms", view.id(), view.callId(),
                    view.durationMs());
            case FAILED -> alerts.raise(AlertKind.RECORDING, view.id(), "Recording of call " + view.callId()
                    + " failed: " + view.failureReason());
            case SIDECAR_PENDING -> alerts.raise(AlertKind.RECORDING, view.id(), "Recording of call "
                    + view.callId() + " is kept but not complete: " + view.failureReason()
                    + "; the integrity sweep will write the sidecar once it can");
            default -> log.warn("Recording {} closed in state {}", view.id(), view.state());
        }
    }

    private void count(RecordingState state) {
        closed.computeIfAbsent(state, s -> new AtomicLong()).incrementAndGet();
    }

    /** Writes the sidecar; returns null when written, else why not. */
    private String writeSidecar(RecordingView view) {
        try {
            sidecars.write(view);
            return null;
        } catch (IOException | RuntimeException e) {
            String reason = reason(e);
            log.error("Could not write the sidecar of recording {}: {}", view.id(), reason);
            return reason;
        }
    }

    /** "No space left on device (/recordings/...)" rather than an exception's class name. */
    static String reason(Exception e) {
        if (e instanceof FileSystemException fs) {
            String why = fs.getReason() != null ? fs.getReason()
                    : fs instanceof AccessDeniedException ? "permission denied" : fs.getClass().getSimpleName();
            return why + " (" + fs.getFile() + ")";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String describe(Leg leg) {
        switch (leg) {
            case CALLER:
                return "caller side";
            case OTHER:
                return "other side";
            default:
                return "mixed file";
        }
    }
}
