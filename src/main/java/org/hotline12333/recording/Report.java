package org.hotline12333.recording;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one maintenance run counted and found, collected while it runs and stored when it ends. */
final class Report {

    /** Findings stored per run; beyond this they are counted only. */
    static final int MAX_STORED_FINDINGS = 10_000;

    private final long runId;
    private final MaintenanceTask task;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<FindingKind, Long> kinds = new EnumMap<>(FindingKind.class);
    private final List<Finding> findings = new ArrayList<>();

    Report(long runId, MaintenanceTask task) {
        this.runId = runId;
        this.task = task;
    }

    long runId() {
        return runId;
    }

    MaintenanceTask task() {
        return task;
    }

    void count(String what, long n) {
        counts.merge(what, n, Long::sum);
    }

    void count(String what) {
        count(what, 1);
    }

    void found(FindingKind kind, String recordingId, String path, String detail) {
        kinds.merge(kind, 1L, Long::sum);
        if (findings.size() < MAX_STORED_FINDINGS) {
            findings.add(new Finding(runId, kind, recordingId, path, detail));
        }
    }

    long found(FindingKind kind) {
        return kinds.getOrDefault(kind, 0L);
    }

    long problems() {
        return kinds.entrySet().stream().filter(e -> e.getKey().problem()).mapToLong(Map.Entry::getValue).sum();
    }

    List<Finding> findings() {
        return findings;
    }

    /** "120 recordings checked, 360 files hashed; HASH_MISMATCH: 1, FILE_WITHOUT_RECORDING: 2" */
    String summary() {
        String counted = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String found = kinds.isEmpty() ? "nothing found" : kinds.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        long unstored = kinds.values().stream().mapToLong(Long::longValue).sum() - findings.size();
        return (counted.isEmpty() ? "" : counted + "; ") + found
                + (unstored > 0 ? " (" + unstored + " findings counted but not stored)" : "");
    }
}
