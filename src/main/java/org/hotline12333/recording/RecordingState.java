package org.hotline12333.recording;

/** Where a recording is in its life. */
public enum RecordingState {
    /** MixMonitor is writing; the call is in progress or its files are still settling. */
    RECORDING,
    /** Every file exists, has audio, is hashed and described by a sidecar; RecordingClosed was published. */
    COMPLETE,
    /** A file is missing, empty or not WAV, or recording never started; the reason says which. */
    FAILED,
    /** The audio is verified and hashed, but the sidecar could not be written (full disk...); the sweep retries. */
    SIDECAR_PENDING
}
