package org.hotline12333.recording;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A recording as other features and the API see it: the same facts as its row and its sidecar.
 *
 * @param node            the Asterisk node the call was on
 * @param uniqueId        the caller's channel on that node
 * @param agent           work number of the agent who took the call, when known
 * @param failureReason   why the recording is FAILED or SIDECAR_PENDING
 * @param durationMs      length of the mixed file, from its WAV header
 * @param files           path (relative to the recordings directory), size, SHA-256 and format of each file
 * @param legalHold       kept beyond retention on a supervisor's order
 * @param complaintOpen   tied to an open complaint: kept beyond retention
 * @param scoreAppealOpen its quality score is under appeal: kept beyond retention
 * @param score           the call's quality score, when scored
 */
public record RecordingView(String id, String callId, String node, String uniqueId, String channel,
                            String callerNumber, String agent, RecordingState state, String failureReason,
                            Instant startedAt, Instant endedAt, Long durationMs, Map<Leg, FileView> files,
                            boolean legalHold, boolean complaintOpen, boolean scoreAppealOpen, BigDecimal score) {

    public RecordingView {
        files = Map.copyOf(files);
    }

    /** Whether retention must keep it whatever its age. */
    public boolean onHold() {
        return legalHold || complaintOpen || scoreAppealOpen;
    }

    /**
     * @param path    relative to the recordings directory, e.g. {@code 2025/11/23/central/<call id>-caller.wav}
     * @param problem what is wrong with it, or null
     */
    public record FileView(String path, Long bytes, String sha256, Long durationMs, Integer sampleRate,
                           Integer channels, Integer bitsPerSample, FileProblem problem) {
    }
}
