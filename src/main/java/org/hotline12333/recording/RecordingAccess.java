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

/** One entry of the access log: who did what with which recording, when, from where. */
@Entity
@Table(name = "recording_access")
class RecordingAccess {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "accessed_at", nullable = false)
    private Instant accessedAt;

    @Column(nullable = false)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccessAction action;

    @Column(name = "recording_id")
    private String recordingId;

    @Column(name = "call_id")
    private String callId;

    private String address;

    private String detail;

    protected RecordingAccess() {
    }

    RecordingAccess(Instant at, String username, AccessAction action, String recordingId, String callId,
                    String address, String detail) {
        this.accessedAt = at;
        this.username = username;
        this.action = action;
        this.recordingId = recordingId;
        this.callId = callId;
        this.address = address;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    Entry view() {
        return new Entry(id, accessedAt, username, action, recordingId, callId, address, detail);
    }

    record Entry(long id, Instant at, String username, AccessAction action, String recordingId, String callId,
                 String address, String detail) {
    }
}
