package org.hotline12333.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One run of a maintenance task: who asked for it, when it ran, and what it found in a line. */
@Entity
@Table(name = "recording_maintenance_run")
class MaintenanceRun {

    enum Status { QUEUED, RUNNING, DONE, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MaintenanceTask task;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    private String summary;

    protected MaintenanceRun() {
    }

    MaintenanceRun(MaintenanceTask task, String requestedBy, Instant at) {
        this.task = task;
        this.requestedBy = requestedBy;
        this.requestedAt = at;
        this.status = Status.QUEUED;
    }

    void start(Instant at) {
        this.status = Status.RUNNING;
        this.startedAt = at;
    }

    void finish(Instant at, boolean failed, String summary) {
        this.status = failed ? Status.FAILED : Status.DONE;
        this.finishedAt = at;
        this.summary = summary.length() <= 1000 ? summary : summary.substring(0, 997) + "...";
    }

    Long id() {
        return id;
    }

    MaintenanceTask task() {
        return task;
    }

    View view() {
        return new View(id, task, requestedBy, requestedAt, startedAt, finishedAt, status, summary);
    }

    record View(long id, MaintenanceTask task, String requestedBy, Instant requestedAt, Instant startedAt,
                Instant finishedAt, Status status, String summary) {
    }
}
