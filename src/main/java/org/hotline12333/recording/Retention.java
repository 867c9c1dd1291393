package org.hotline12333.recording;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes recordings older than the retention period, except those on legal hold, tied to an open complaint or
 * under score appeal. Everything of a deleted recording goes: its audio, its sidecar, the other features' files
 * beside it (transcript, score) and its index row. Each deletion is logged and written to the access log.
 */
@Component
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final int PAGE = 200;
    static final String WHO = "retention";

    private final RecordingRepository recordings;
    private final RecordingLayout layout;
    private final Sidecars sidecars;
    private final AccessLog accessLog;
    private final TransactionTemplate transactions;
    private final RecordingsProperties properties;
    private final Clock clock;

    Retention(RecordingRepository recordings, RecordingLayout layout, Sidecars sidecars, AccessLog accessLog,
              TransactionTemplate transactions, RecordingsProperties properties, Clock clock) {
        this.clock = clock;
        this.recordings = recordings;
        this.layout = layout;
        this.sidecars = sidecars;
        this.accessLog = accessLog;
        this.transactions = transactions;
        this.properties = properties;
    }

    void run(Report report) {
        Instant before = clock.instant().minus(properties.retentionPeriod());
        report.count("kept on hold", recordings.countExpiredButHeld(before, RecordingState.RECORDING));
        Set<String> failed = new HashSet<>();
        List<Recording> page;
        do {
            page = recordings.findExpired(before, RecordingState.RECORDING, PageRequest.of(0, PAGE + failed.size()))
                    .stream().filter(r -> !failed.contains(r.id())).toList();
            for (Recording recording : page) {
                if (!delete(recording.id(), report)) {
                    failed.add(recording.id());
                }
            }
        } while (!page.isEmpty() && page.size() >= PAGE);
    }

    private boolean delete(String recordingId, Report report) {
        return sidecars.locked(recordingId, () -> {
            RecordingView recording = recordings.findById(recordingId).map(Recording::view).orElse(null);
            if (recording == null || recording.onHold()) {
                return true;
            }
            Path folder;
            List<Path> files;
            try {
                folder = layout.resolve(recording.files().get(Leg.MIXED).path()).getParent();
                files = filesOf(folder, recording.callId());
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException | RuntimeException e) {
                report.found(FindingKind.DELETE_FAILED, recordingId, recording.files().get(Leg.MIXED).path(),
                        e instanceof IOException io ? RecordingFinisher.reason(io) : e.toString());
                return false;
            }
            transactions.executeWithoutResult(status -> recordings.deleteById(recordingId));
            String detail = "started " + recording.startedAt() + ", older than " + properties.retentionPeriod()
                    + "; " + files.size() + " file(s) deleted";
            accessLog.record(WHO, AccessAction.DELETE, recordingId, recording.callId(), null, detail);
            log.info("Retention deleted recording {} of call {}: {}", recordingId, recording.callId(), detail);
            report.count("deleted");
            removeEmptyFolders(folder);
            return true;
        });
    }

    /** Every file of the recording in its folder: the three audio files, the sidecar, and others' sidecars. */
    private static List<Path> filesOf(Path folder, String callId) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (callId.equals(RecordingTree.callIdOf(entry.getFileName().toString()))) {
                    files.add(entry);
                }
            }
        }
        return files;
    }

    /** Removes the node and day folders a deletion left empty, up to the recordings directory. */
    private void removeEmptyFolders(Path folder) {
        Path current = folder;
        while (current != null && current.startsWith(layout.root()) && !current.equals(layout.root())) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                return;
            }
            current = current.getParent();
        }
    }
}
