package org.hotline12333.recording;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The JSON sidecar beside a recording's audio, as {@code recordings-schema/recording.schema.json} describes it: every
 * fact of the recording's row, so that the index can be rebuilt from the directory alone.
 */
record SidecarDocument(int schemaVersion, String recordingId, String callId, String node, String uniqueId,
                       String channel, String callerNumber, String agent, String state, String failureReason,
                       Instant startedAt, Instant endedAt, BigDecimal durationSeconds, Files files, Holds holds,
                       BigDecimal score) {

    static final int VERSION = 1;

    record Files(AudioFile mixed, AudioFile callerSide, AudioFile otherSide) {
    }

    record AudioFile(String path, Long bytes, String sha256, BigDecimal durationSeconds, Integer sampleRate,
                     Integer channels, Integer bitsPerSample, String problem) {
    }

    record Holds(boolean legalHold, boolean complaintOpen, boolean scoreAppealOpen) {
    }

    static SidecarDocument of(RecordingView view) {
        Map<Leg, RecordingView.FileView> files = view.files();
        return new SidecarDocument(VERSION, view.id(), view.callId(), view.node(), view.uniqueId(), view.channel(),
                view.callerNumber(), view.agent(), view.state().name(), view.failureReason(), view.startedAt(),
                view.endedAt(), seconds(view.durationMs()),
                new Files(file(files.get(Leg.MIXED)), file(files.get(Leg.CALLER)), file(files.get(Leg.OTHER))),
                new Holds(view.legalHold(), view.complaintOpen(), view.scoreAppealOpen()), view.score());
    }

    RecordingView view() {
        Map<Leg, RecordingView.FileView> fileViews = new EnumMap<>(Leg.class);
        put(fileViews, Leg.MIXED, files.mixed());
        put(fileViews, Leg.CALLER, files.callerSide());
        put(fileViews, Leg.OTHER, files.otherSide());
        return new RecordingView(recordingId, callId, node, uniqueId, channel, callerNumber, agent,
                RecordingState.valueOf(state), failureReason, startedAt, endedAt, millis(durationSeconds), fileViews,
                holds.legalHold(), holds.complaintOpen(), holds.scoreAppealOpen(),
                score == null ? null : score.setScale(2, RoundingMode.HALF_UP));
    }

    private static AudioFile file(RecordingView.FileView file) {
        if (file == null) {
            return null;
        }
        return new AudioFile(file.path(), file.bytes(), file.sha256(), seconds(file.durationMs()), file.sampleRate(),
                file.channels(), file.bitsPerSample(), file.problem() == null ? null : file.problem().name());
    }

    private static void put(Map<Leg, RecordingView.FileView> views, Leg leg, AudioFile file) {
        if (file != null) {
            views.put(leg, new RecordingView.FileView(file.path(), file.bytes(), file.sha256(),
                    millis(file.durationSeconds()), file.sampleRate(), file.channels(), file.bitsPerSample(),
                    file.problem() == null ? null : FileProblem.valueOf(file.problem())));
        }
    }

    private static BigDecimal seconds(Long millis) {
        return millis == null ? null : BigDecimal.valueOf(millis, 3);
    }

    private static Long millis(BigDecimal seconds) {
        return seconds == null ? null : seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
