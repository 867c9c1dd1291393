package org.hotline12333.recording;

/** The three files of a recording. */
public enum Leg {
    /** Both directions mixed: what a supervisor listens to. */
    MIXED(""),
    /** What the caller said: audio read from the caller's channel (MixMonitor's {@code r()}). */
    CALLER("-caller"),
    /** What the caller heard: prompts and the agent (MixMonitor's {@code t()}). */
    OTHER("-other");

    private final String suffix;

    Leg(String suffix) {
        this.suffix = suffix;
    }

    /** The file name of this leg for a recording whose files start with {@code base}. */
    String fileName(String base) {
        return base + suffix + ".wav";
    }
}
