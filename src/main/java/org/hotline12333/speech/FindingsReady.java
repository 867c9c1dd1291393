package org.hotline12333.speech;

import java.util.List;

/** A transcribed recording's findings and speech figures, for quality scoring. Published once per recording. */
public record FindingsReady(String recordingId, String callId, List<Finding> findings, SpeechMeasures measures) {

    public FindingsReady {
        findings = List.copyOf(findings);
    }

    public List<Finding> ofKind(FindingKind kind) {
        return findings.stream().filter(finding -> finding.kind() == kind).toList();
    }
}
