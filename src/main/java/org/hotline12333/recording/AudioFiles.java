package org.hotline12333.recording;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checking one audio file: there, not empty, WAV, and its SHA-256. */
final class AudioFiles {

    private AudioFiles() {
    }

    /** Everything the index records about a file, or what is wrong with it. */
    static RecordingView.FileView inspect(Path file, String relative) {
        if (!Files.isRegularFile(file)) {
            return problem(relative, FileProblem.MISSING, null);
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                return problem(relative, FileProblem.EMPTY, 0L);
            }
            String sha256 = sha256(file);
            WavInfo wav;
            try {
                wav = WavInfo.read(file);
            } catch (WavInfo.NotWavException e) {
                return new RecordingView.FileView(relative, size, sha256, null, null, null, null, FileProblem.NOT_WAV);
            }
            FileProblem problem = wav.dataBytes() == 0 ? FileProblem.EMPTY : null;
            return new RecordingView.FileView(relative, size, sha256, wav.durationMs(), wav.sampleRate(),
                    wav.channels(), wav.bitsPerSample(), problem);
        } catch (ClosedByInterruptException e) {
            throw new Interrupted(relative, e);
        } catch (IOException e) {
            return problem(relative, FileProblem.UNREADABLE, null);
        }
    }

    /**
     * The thread checking the file was interrupted (the service stopping): nothing is known of the file, and it must
     * not be taken for unreadable, which would fail its recording.
     */
    static final class Interrupted extends RuntimeException {

        Interrupted(String relative, ClosedByInterruptException cause) {
            super("checking " + relative + " was interrupted", cause);
        }
    }

    /** Size now, -1 when there is no file: what the closer watches while a file settles. */
    static long sizeOrMissing(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            return -2;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static RecordingView.FileView problem(String relative, FileProblem problem, Long size) {
        return new RecordingView.FileView(relative, size, null, null, null, null, null, problem);
    }
}
