package org.hotline12333.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The one AMI stand-in shared by every test using {@link HotlineTest}, started on first use. */
public final class StandInAsterisk {

    public static final String NODE = "central";
    public static final String USERNAME = "hotline";
    public static final String SECRET = "stand-in-secret";
    /** Where the stand-in node's MixMonitor writes, as Asterisk sees it (the node's recordings-path). */
    public static final String RECORDINGS_PATH = "/var/spool/asterisk/monitor/hotline";

    private static AmiStandIn ami;
    private static Path recordingsRoot;

    private StandInAsterisk() {
    }

    public static synchronized AmiStandIn ami() {
        if (ami == null) {
            ami = AmiStandIn.start(USERNAME, SECRET);
        }
        return ami;
    }

    /**
     * The local folder standing in for the node's recordings directory, shared by every test on the shared service
     * (the service's {@code hotline.recordings.directory}); removed when the tests end.
     */
    public static synchronized Path recordingsRoot() {
        if (recordingsRoot == null) {
            try {
                recordingsRoot = Files.createTempDirectory("hotline-recordings");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path root = recordingsRoot;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        }
        return recordingsRoot;
    }

    /** Deletes a folder and everything in it, as far as it can. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: it is a temporary folder
        }
    }
}
