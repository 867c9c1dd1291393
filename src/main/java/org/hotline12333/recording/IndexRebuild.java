package org.hotline12333.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the index from the sidecars on disk, e.g. after the database was lost or restored from an old backup.
 * A sidecar whose recording is not in the index becomes its row again, exactly as it was; a recording already in
 * the index is left as it is, and reported when its sidecar says otherwise. Sidecars that are unreadable, describe
 * files in another folder, or claim a call another recording has are reported and skipped.
 */
@Component
class IndexRebuild {

    private final RecordingRepository recordings;
    private final RecordingLayout layout;
    private final Sidecars sidecars;
    private final TransactionTemplate transactions;

    IndexRebuild(RecordingRepository recordings, RecordingLayout layout, Sidecars sidecars,
                 TransactionTemplate transactions) {
        this.recordings = recordings;
        this.layout = layout;
        this.sidecars = sidecars;
        this.transactions = transactions;
    }

    void run(Report report) {
        RecordingTree.forEachFolder(layout.root(), (folder, files) -> restore(files, report));
    }

    private void restore(List<Path> files, Report report) {
        for (Path file : files) {
            String name = file.getFileName().toString();
            String callId = RecordingTree.callIdOf(name);
            if (callId == null || !name.equals(callId + RecordingLayout.SIDECAR_SUFFIX)) {
                continue;
            }
            report.count("sidecars read");
            String relative = layout.relative(file);
            RecordingView recording;
            try {
                recording = sidecars.read(file).view();
            } catch (IOException e) {
                report.found(FindingKind.SIDECAR_UNREADABLE, null, relative, e.getMessage());
                continue;
            }
            Optional<String> conflict = whereItPoints(recording, relative);
            if (conflict.isPresent()) {
                report.found(FindingKind.CONFLICT, recording.id(), relative, conflict.get());
                continue;
            }
            restore(recording, relative, report);
        }
    }

    private void restore(RecordingView recording, String relative, Report report) {
        Optional<RecordingView> indexed = recordings.findById(recording.id()).map(Recording::view);
        if (indexed.isPresent()) {
            if (indexed.get().equals(recording)) {
                report.count("already in the index");
            } else {
                report.found(FindingKind.DIFFERS_FROM_INDEX, recording.id(), relative,
                        "the index row is kept; the integrity sweep rewrites the sidecar from it");
            }
            return;
        }
        Optional<Recording> sameCall = recordings.findByCallId(recording.callId());
        if (sameCall.isPresent()) {
            report.found(FindingKind.CONFLICT, recording.id(), relative,
                    "recording " + sameCall.get().id() + " already has call " + recording.callId());
            return;
        }
        transactions.executeWithoutResult(status -> recordings.save(Recording.restored(recording)));
        report.count("restored");
    }

    /** Why a sidecar cannot be trusted to describe its own folder's files, if it cannot. */
    private Optional<String> whereItPoints(RecordingView recording, String sidecarPath) {
        if (recording.state() == RecordingState.RECORDING) {
            return Optional.of("a sidecar of a recording in progress");
        }
        if (recording.files().get(Leg.MIXED) == null || !Sidecars.pathOf(recording).equals(sidecarPath)) {
            return Optional.of("describes a recording stored elsewhere");
        }
        String folder = sidecarPath.substring(0, sidecarPath.lastIndexOf('/') + 1);
        for (RecordingView.FileView file : recording.files().values()) {
            try {
                layout.resolve(file.path());
            } catch (RecordingLayout.OutsideRecordingsException e) {
                return Optional.of(e.getMessage());
            }
            if (!file.path().startsWith(folder) || file.path().indexOf('/', folder.length()) >= 0) {
                return Optional.of("names a file in another folder: " + file.path());
            }
        }
        return Optional.empty();
    }
}
