package org.hotline12333.recording;

import java.nio.file.Path;
import java.time.Instant;

/**
 * MixMonitor has started recording a call: its files are being written from now on, and grow until the call ends.
 * Speech analytics follows the agent's side from here while the call is on.
 *
 * @param callerSide what the caller says, as the service sees the file
 * @param otherSide  what the caller hears: prompts, then the agent
 * @param startedAt  when recording began; offsets in the files count from here
 */
public record RecordingStarted(String recordingId, String callId, String node, Path callerSide, Path otherSide,
                               Instant startedAt) {
}
