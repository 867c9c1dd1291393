package org.hotline12333.recording;

/** What is wrong with one file of a recording. */
public enum FileProblem {
    /** No file at the expected path. */
    MISSING,
    /** The file has no audio: zero bytes, or a WAV header with no data. */
    EMPTY,
    /** The file is not a WAV file the service can read. */
    NOT_WAV,
    /** The file exists but could not be read. */
    UNREADABLE
}
