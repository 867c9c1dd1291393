package org.hotline12333.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline12333.recording.Leg;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.RecordingsProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a call's current score as {@code <call id>.score.json} beside its recording, valid against
 * {@code recordings-schema/score.schema.json}: to a temporary file first, then moved into place, so a reader never
 * sees half of one.
 *
 * <p>In the sidecar every value was set by a supervisor. {@code prefilledFromSpeech} says speech analytics proposed
 * it; {@code confirmed} says the supervisor kept that proposal (false: they overruled it, and the value is theirs).
 * Entries nobody proposed are {@code confirmed}: a person gave them.
 */
@Component
class ScoreSidecars {

    static final String SUFFIX = ".score.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;

    ScoreSidecars(RecordingsProperties recordings) {
        this.directory = recordings.directory().toAbsolutePath().normalize();
    }

    /** Where the call's score sidecar goes: the folder of the recording's mixed file. */
    Path place(RecordingView recording) {
        RecordingView.FileView mixed = recording.files().get(Leg.MIXED);
        if (mixed == null || mixed.path() == null) {
            throw new IllegalStateException("recording " + recording.id() + " names no mixed file");
        }
        Path folder = directory.resolve(mixed.path()).normalize().getParent();
        if (folder == null || !folder.startsWith(directory)) {
            throw new IllegalStateException("recording " + recording.id() + " is not inside the recordings directory");
        }
        return folder.resolve(recording.callId() + SUFFIX);
    }

    Path write(Score score, RecordingView recording) {
        Path sidecar = place(recording);
        try {
            Files.createDirectories(sidecar.getParent());
            Path partial = sidecar.resolveSibling(sidecar.getFileName() + ".partial");
            Files.write(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document(score, recording)));
            Files.move(partial, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return sidecar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the score sidecar " + sidecar + ": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> document(Score score, RecordingView recording) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemaVersion", 1);
        json.put("recordingId", recording.id());
        json.put("callId", score.callId());
        json.put("scorecard", Map.of("id", score.scorecard().id(), "version", score.scorecard().version()));
        json.put("items", score.items().stream().map(item -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", item.code());
            entry.put("weight", item.weight());
            entry.put("value", item.points());
            entry.put("prefilledFromSpeech", item.prefilled());
            entry.put("confirmed", item.decision() != ScoreSheet.Outcome.OVERRULED);
            return entry;
        }).toList());
        json.put("vetoItems", score.vetoes().stream().map(veto -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", veto.code());
            entry.put("applied", veto.applied());
            entry.put("prefilledFromSpeech", veto.prefilled());
            entry.put("confirmed", veto.decision() != ScoreSheet.Outcome.OVERRULED);
            entry.put("note", veto.note());
            return entry;
        }).toList());
        json.put("total", score.total());
        json.put("scorer", score.scorer());
        json.put("scoredAt", score.scoredAt().toString());
        return json;
    }
}
