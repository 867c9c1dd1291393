package org.hotline12333.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A call's recording is finished and verified: its files exist, are hashed and described by a sidecar. Published
 * once per recording; speech analytics transcribes the two sides from here.
 *
 * @param mixed      both directions mixed, as the service sees the file
 * @param callerSide what the caller said
 * @param otherSide  what the caller heard: prompts and the agent
 * @param startedAt  when recording began (the call's answer); offsets in transcripts count from here
 */
public record RecordingClosed(String recordingId, String callId, String node, Path mixed, Path callerSide,
                              Path otherSide, Instant startedAt, Duration duration) {
}
