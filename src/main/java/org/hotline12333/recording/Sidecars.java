package org.hotline12333.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the JSON sidecar beside each recording's audio. A sidecar is replaced atomically (written to a
 * temporary file in the same directory, forced to disk, then renamed), so a crash or a full disk leaves either the
 * old sidecar or the new one, never half of one.
 *
 * <p>Everything that changes a recording's row and its sidecar together runs under {@link #locked}, one recording
 * at a time, so that two writers cannot leave a sidecar older than its row.
 */
@Component
class Sidecars {

    private static final int STRIPES = 64;

    private final RecordingLayout layout;
    private final JsonMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final Object[] locks = new Object[STRIPES];

    Sidecars(RecordingLayout layout) {
        this.layout = layout;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    <T> T locked(String recordingId, Supplier<T> work) {
        synchronized (locks[Math.floorMod(recordingId.hashCode(), STRIPES)]) {
            return work.get();
        }
    }

    /** Where the sidecar of this recording is, relative to the recordings directory. */
    static String pathOf(RecordingView recording) {
        return RecordingLayout.sidecarOf(recording.files().get(Leg.MIXED).path());
    }

    void write(RecordingView recording) throws IOException {
        Path target = layout.resolve(pathOf(recording));
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            byte[] bytes = json.writeValueAsBytes(SidecarDocument.of(recording));
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(bytes));
                out.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** The sidecar at this path, read and checked to be a recording sidecar this service understands. */
    SidecarDocument read(Path file) throws IOException {
        try {
            SidecarDocument document = json.readValue(file.toFile(), SidecarDocument.class);
            if (document.schemaVersion() != SidecarDocument.VERSION || document.recordingId() == null
                    || document.callId() == null || document.files() == null || document.files().mixed() == null
                    || document.holds() == null || document.state() == null || document.startedAt() == null) {
                throw new IOException("not a recording sidecar of schema version " + SidecarDocument.VERSION);
            }
            document.view();
            return document;
        } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
            throw new IOException("unreadable sidecar: " + e.getMessage(), e);
        }
    }

    /** The recording as its sidecar on disk describes it, or empty when there is none. */
    Optional<RecordingView> onDisk(RecordingView recording) throws IOException {
        Path file = layout.resolve(pathOf(recording));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file).view());
    }
}
