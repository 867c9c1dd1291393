package org.hotline12333.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Something a maintenance run found, about a recording or a file. */
@Entity
@Table(name = "recording_finding")
class Finding {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "run_id", nullable = false)
    private Long runId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private FindingKind kind;

    @Column(name = "recording_id")
    private String recordingId;

    private String path;

    private String detail;

    protected Finding() {
    }

    Finding(long runId, FindingKind kind, String recordingId, String path, String detail) {
        this.runId = runId;
        this.kind = kind;
        this.recordingId = recordingId;
        this.path = path == null || path.length() <= 512 ? path : path.substring(0, 512);
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    View view() {
        return new View(kind, recordingId, path, detail);
    }

    record View(FindingKind kind, String recordingId, String path, String detail) {
    }
}
