package org.hotline12333.recording;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watches free space where recordings are written. Runs as a Quartz job, never on a call's path. Falling below
 * {@code min-free-space} (or the directory becoming unreachable) raises one DISK_SPACE alert; the next one comes
 * after space has recovered and run low again.
 */
@Component
class DiskWatch {

    private static final Logger log = LoggerFactory.getLogger(DiskWatch.class);

    private final RecordingLayout layout;
    private final RecordingsProperties properties;
    private final Alerts alerts;
    private final AtomicBoolean low = new AtomicBoolean();
    private final AtomicReference<DiskStatus> last = new AtomicReference<>();

    private final Clock clock;

    DiskWatch(RecordingLayout layout, RecordingsProperties properties, Alerts alerts, Clock clock) {
        this.clock = clock;
        this.layout = layout;
        this.properties = properties;
        this.alerts = alerts;
    }

    DiskStatus check() {
        long threshold = properties.minFreeSpace().toBytes();
        DiskStatus status;
        try {
            FileStore store = Files.getFileStore(layout.root());
            long free = store.getUsableSpace();
            status = new DiskStatus(layout.root().toString(), free, store.getTotalSpace(), threshold,
                    free < threshold, null, clock.instant());
        } catch (IOException | RuntimeException e) {
            status = new DiskStatus(layout.root().toString(), -1, -1, threshold, true,
                    "recordings directory unreachable: " + e.getMessage(), clock.instant());
        }
        last.set(status);
        if (status.low() && low.compareAndSet(false, true)) {
            alerts.raise(AlertKind.DISK_SPACE, "recordings", status.error() != null ? status.error()
                    : "Only " + megabytes(status.freeBytes()) + " free for recordings in " + status.directory()
                    + " (alert below " + megabytes(threshold) + "); about 48 KB per second per call are written");
        } else if (!status.low() && low.compareAndSet(true, false)) {
            log.info("Recordings disk has space again: {} free", megabytes(status.freeBytes()));
        }
        return status;
    }

    /** Free bytes at the last check, -1 before the first or when the directory was unreachable. */
    long lastFreeBytes() {
        DiskStatus status = last.get();
        return status == null ? -1 : status.freeBytes();
    }

    private static String megabytes(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }

    /**
     * @param low   below the threshold, or unreachable
     * @param error why the directory could not be checked, or null
     */
    record DiskStatus(String directory, long freeBytes, long totalBytes, long thresholdBytes, boolean low,
                      String error, Instant checkedAt) {
    }
}
