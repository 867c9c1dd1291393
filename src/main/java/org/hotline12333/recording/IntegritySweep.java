package org.hotline12333.recording;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * The integrity sweep. For every finished recording: recompute each file's SHA-256 and size and compare them with
 * the index; check the sidecar says what the index says (rewriting it from the index when not); give a recording
 * waiting for its sidecar another try. Then walk the directory for files no recording claims. Recordings left
 * RECORDING after their call ended are closed first.
 */
@Component
class IntegritySweep {

    private static final int PAGE = 200;

    private final RecordingRepository recordings;
    private final RecordingLayout layout;
    private final Sidecars sidecars;
    private final RecordingFinisher finisher;
    private final RecordingCloser closer;

    IntegritySweep(RecordingRepository recordings, RecordingLayout layout, Sidecars sidecars,
                   RecordingFinisher finisher, RecordingCloser closer) {
        this.recordings = recordings;
        this.layout = layout;
        this.sidecars = sidecars;
        this.finisher = finisher;
        this.closer = closer;
    }

    void run(Report report) {
        report.count("left recordings closed", closer.recoverLeftovers());
        String after = "";
        List<Recording> page;
        do {
            page = recordings.findByIdGreaterThanOrderById(after, PageRequest.of(0, PAGE));
            for (Recording recording : page) {
                check(recording.view(), report);
                after = recording.id();
            }
        } while (page.size() == PAGE);
        RecordingTree.forEachFolder(layout.root(), (folder, files) -> findUnclaimed(folder, files, report));
    }

    private void check(RecordingView recording, Report report) {
        switch (recording.state()) {
            case RECORDING -> {
                return;
            }
            case SIDECAR_PENDING -> {
                report.count("recordings checked");
                Optional<String> problem = finisher.completeSidecar(recording.id());
                if (problem.isPresent()) {
                    report.found(FindingKind.SIDECAR_UNWRITABLE, recording.id(), Sidecars.pathOf(recording),
                            problem.get());
                } else {
                    report.found(FindingKind.SIDECAR_WRITTEN, recording.id(), Sidecars.pathOf(recording), null);
                }
                return;
            }
            default -> report.count("recordings checked");
        }
        Map<Leg, String> changed = finisher.changedFiles(recording);
        recording.files().forEach((leg, file) -> {
            if (file.sha256() != null) {
                report.count("files hashed");
            }
        });
        changed.forEach((leg, what) -> report.found(RecordingFinisher.MISSING.equals(what)
                ? FindingKind.FILE_MISSING : FindingKind.HASH_MISMATCH, recording.id(),
                recording.files().get(leg).path(), what));
        checkSidecar(recording, report);
    }

    private void checkSidecar(RecordingView recording, Report report) {
        String problem;
        try {
            Optional<RecordingView> onDisk = sidecars.onDisk(recording);
            if (onDisk.isPresent() && onDisk.get().equals(recording)) {
                return;
            }
            problem = onDisk.isEmpty() ? "was missing" : "did not match the index";
        } catch (IOException e) {
            problem = "was unreadable (" + e.getMessage() + ")";
        }
        try {
            String written = sidecars.locked(recording.id(), () -> {
                Optional<RecordingView> now = recordings.findById(recording.id()).map(Recording::view);
                if (now.isEmpty() || now.get().state() == RecordingState.RECORDING) {
                    return null;
                }
                try {
                    sidecars.write(now.get());
                    return "written";
                } catch (IOException e) {
                    return RecordingFinisher.reason(e);
                }
            });
            if ("written".equals(written)) {
                report.found(FindingKind.SIDECAR_REWRITTEN, recording.id(), Sidecars.pathOf(recording),
                        "sidecar " + problem + "; written again from the index");
            } else if (written != null) {
                report.found(FindingKind.SIDECAR_UNWRITABLE, recording.id(), Sidecars.pathOf(recording),
                        "sidecar " + problem + "; cannot write it: " + written);
            }
        } catch (RuntimeException e) {
            report.found(FindingKind.SIDECAR_UNWRITABLE, recording.id(), Sidecars.pathOf(recording), e.toString());
        }
    }

    /** Files in one folder that belong to no recording of the index. */
    private void findUnclaimed(Path folder, List<Path> files, Report report) {
        String prefix = layout.relative(folder) + "/";
        Set<String> callIds = new HashSet<>();
        for (Recording recording : recordings.findWithFilesUnder(prefix + "%")) {
            String mixed = recording.view().files().get(Leg.MIXED).path();
            if (mixed.startsWith(prefix) && mixed.indexOf('/', prefix.length()) < 0) {
                callIds.add(recording.callId());
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String callId = RecordingTree.callIdOf(name);
            if (callId == null || !callIds.contains(callId)) {
                report.found(FindingKind.FILE_WITHOUT_RECORDING, null, prefix + name,
                        name.endsWith(RecordingLayout.SIDECAR_SUFFIX) && callId != null
                                ? "a sidecar without index row: the rebuild can restore its recording" : null);
            }
        }
        report.count("files in the directory", files.size());
    }
}
