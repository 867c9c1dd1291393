package org.hotline12333.recording;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One audio file of a recording, as stored in {@code recording_file}. */
@Embeddable
class RecordingFile {

    @Column(nullable = false)
    private String path;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    private String sha256;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "sample_rate")
    private Integer sampleRate;

    private Integer channels;

    @Column(name = "bits_per_sample")
    private Integer bitsPerSample;

    @Enumerated(EnumType.STRING)
    private FileProblem problem;

    protected RecordingFile() {
    }

    RecordingFile(RecordingView.FileView view) {
        this.path = view.path();
        this.sizeBytes = view.bytes();
        this.sha256 = view.sha256();
        this.durationMs = view.durationMs();
        this.sampleRate = view.sampleRate();
        this.channels = view.channels();
        this.bitsPerSample = view.bitsPerSample();
        this.problem = view.problem();
    }

    RecordingView.FileView view() {
        return new RecordingView.FileView(path, sizeBytes, sha256, durationMs, sampleRate, channels, bitsPerSample,
                problem);
    }
}
