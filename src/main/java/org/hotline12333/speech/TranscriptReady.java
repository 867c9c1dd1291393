package org.hotline12333.speech;

import java.nio.file.Path;

/** A recording has been transcribed: the transcript is in the database and in its sidecar. */
public record TranscriptReady(String recordingId, String callId, Path sidecar, int utterances) {
}
