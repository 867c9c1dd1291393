package org.hotline12333.recording;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.sql.RowIds;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallGoneException;
import org.hotline12333.telephony.CallInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Starts recording a call. The call flow calls {@link #start} on the call's own thread right after answering; the
 * rest (noticing the hang-up, checking, hashing and describing the files) happens elsewhere, off the call path.
 */
@Service
public class CallRecorder {

    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final RecordingRepository recordings;
    private final RecordingLayout layout;
    private final RecordingCloser closer;
    private final Alerts alerts;
    private final RecordingRows rows;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CallRecorder(RecordingRepository recordings, RecordingLayout layout, RecordingCloser closer, Alerts alerts,
                 RecordingRows rows, Clock clock, ApplicationEventPublisher events) {
        this.recordings = recordings;
        this.layout = layout;
        this.closer = closer;
        this.alerts = alerts;
        this.rows = rows;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Records the call from now to its hang-up: creates the recording's row (state RECORDING), then starts
     * MixMonitor with the mixed file and each direction in its own file. Never throws and never stops the call: if
     * recording cannot start, the row is FAILED with the reason and supervisors get an alert. Calling it again for
     * the same call changes nothing.
     *
     * @return the recording's id, or empty when the call is not being recorded
     */
    public Optional<String> start(CallChannel call) {
        CallInfo info = call.info();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<Leg, String> files = layout.files(layout.base(now, info.node(), info.callId()));
        Optional<String> started = closer.recordingOf(info.node(), info.uniqueId());
        if (started.isPresent()) {
            return alreadyStarted(info, started.get());
        }
        String recordingId = RowIds.next();
        try {
            rows.insert(recordingId, info, now, files);
            closer.track(recordingId, info.callId(), info.node(), info.uniqueId());
        } catch (RuntimeException e) {
            // the call's id is unique among recordings: a row there already is this call's, started earlier. Asked
            // only then: when the database is down or its pool exhausted, asking again would keep the caller waiting
            Optional<String> existing = e instanceof DataIntegrityViolationException ? rowOf(info.callId())
                    : Optional.empty();
            if (existing.isPresent()) {
                return alreadyStarted(info, existing.get());
            }
            // recording the audio matters more than its row: MixMonitor still starts, the sweep reports the files
            log.error("Could not create the recording row of call {}", info.callId(), e);
            alerts.raise(AlertKind.RECORDING, info.callId(), "Call " + info.callId()
                    + " has no recording row (" + e.getClass().getSimpleName() + "); its audio is still recorded");
            return startWithoutRow(call, files);
        }
        if (!startMixMonitor(call, files, recordingId)) {
            return Optional.empty();
        }
        events.publishEvent(new RecordingStarted(recordingId, info.callId(), info.node(),
                layout.resolve(files.get(Leg.CALLER)), layout.resolve(files.get(Leg.OTHER)), now));
        return Optional.of(recordingId);
    }

    private Optional<String> alreadyStarted(CallInfo info, String recordingId) {
        log.warn("Recording of call {} was already started ({}): not starting it again", info.callId(), recordingId);
        return Optional.of(recordingId);
    }

    private Optional<String> rowOf(String callId) {
        try {
            return recordings.findByCallId(callId).map(Recording::id);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<String> startWithoutRow(CallChannel call, Map<Leg, String> files) {
        startMixMonitor(call, files, null);
        return Optional.empty();
    }

    /** Starts MixMonitor; when it cannot, the row (if there is one) says why. */
    private boolean startMixMonitor(CallChannel call, Map<Leg, String> files, String recordingId) {
        CallInfo info = call.info();
        try {
            call.startRecording(layout.forAsterisk(info.node(), files));
            return true;
        } catch (CallGoneException e) {
            closer.failedToStart(recordingId, info.callId(), "the caller hung up before recording started", false);
        } catch (RuntimeException e) {
            log.warn("Could not start recording call {}: {}", info.callId(), e.getMessage());
            closer.failedToStart(recordingId, info.callId(), "recording did not start: " + e.getMessage(), true);
        }
        return false;
    }
}
