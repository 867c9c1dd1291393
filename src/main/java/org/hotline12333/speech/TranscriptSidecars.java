package org.hotline12333.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.hotline12333.recording.RecordingClosed;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a transcript as a JSON sidecar valid against {@code recordings-schema/transcript.schema.json}: next to the
 * recording's mixed file ({@code <name>.transcript.json}), or in {@code hotline.speech.transcripts-path}. Written to
 * a temporary file and moved into place, so a reader never sees half a sidecar.
 */
@Component
class TranscriptSidecars {

    static final String SUFFIX = ".transcript.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;

    TranscriptSidecars(SpeechProperties properties) {
        this.directory = properties.transcriptsPath();
    }

    Path write(Transcript transcript, RecordingClosed recording) {
        Path sidecar = place(recording);
        try {
            Files.createDirectories(sidecar.toAbsolutePath().getParent());
            Path partial = sidecar.resolveSibling(sidecar.getFileName() + ".partial");
            Files.write(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(transcript));
            Files.move(partial, sidecar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return sidecar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transcript sidecar " + sidecar + ": " + e.getMessage(), e);
        }
    }

    private Path place(RecordingClosed recording) {
        if (directory != null) {
            return directory.resolve(recording.recordingId() + SUFFIX);
        }
        Path beside = recording.mixed() != null ? recording.mixed()
                : recording.otherSide() != null ? recording.otherSide() : recording.callerSide();
        String name = beside.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return beside.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SUFFIX);
    }
}
