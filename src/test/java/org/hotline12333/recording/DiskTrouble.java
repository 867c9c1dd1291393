package org.hotline12333.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes writing in a folder fail for real: a tiny tmpfs mounted on it and filled up ("No space left on device")
 * where the tests run as root and may mount, or the folder made read-only where they do not (root ignores
 * permissions). Where neither works the test is skipped, saying why.
 */
abstract class DiskTrouble implements AutoCloseable {

    /** Readies the folder before anything is written in it. */
    static DiskTrouble in(Path folder) throws IOException {
        if (permissionsApply(folder)) {
            return new ReadOnly();
        }
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", folder.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        if (waitFor(mount) != 0) {
            Assumptions.abort("cannot make a disk full here: running as root (permissions do not apply) and mount "
                    + "failed: " + output.trim());
        }
        return new FullDisk(folder);
    }

    /** From now on nothing new can be written in this folder of the troubled one. */
    abstract void strike(Path folder) throws IOException;

    /** Writing works again. */
    abstract void clear() throws IOException;

    /** What the failure says. */
    abstract String expectedReason();

    @Override
    public abstract void close() throws IOException;

    private static boolean permissionsApply(Path folder) throws IOException {
        Path probe = Files.createDirectory(folder.resolve("probe"));
        try {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.createFile(probe.resolve("file"));
            Files.delete(probe.resolve("file"));
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.delete(probe);
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static final class FullDisk extends DiskTrouble {
        private final Path mountPoint;
        private Path filler;

        FullDisk(Path mountPoint) {
            this.mountPoint = mountPoint;
        }

        @Override
        void strike(Path folder) throws IOException {
            filler = mountPoint.resolve("filler");
            byte[] block = new byte[4096];
            try (OutputStream out = Files.newOutputStream(filler)) {
                while (true) {
                    out.write(block);
                    out.flush();
                }
            } catch (IOException e) {
                if (!e.getMessage().contains("No space left")) {
                    throw e;
                }
            }
        }

        @Override
        void clear() throws IOException {
            Files.deleteIfExists(filler);
        }

        @Override
        String expectedReason() {
            return "No space left on device";
        }

        @Override
        public void close() throws IOException {
            Process umount = new ProcessBuilder("umount", "-l", mountPoint.toString()).redirectErrorStream(true).start();
            umount.getInputStream().readAllBytes();
            waitFor(umount);
        }
    }

    private static final class ReadOnly extends DiskTrouble {
        private Path folder;

        @Override
        void strike(Path folder) throws IOException {
            this.folder = folder;
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        }

        @Override
        void clear() throws IOException {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        @Override
        String expectedReason() {
            return "permission denied";
        }

        @Override
        public void close() throws IOException {
            if (folder != null) {
                clear();
            }
        }
    }
}
