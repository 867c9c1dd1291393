package org.hotline12333.recording;

/** What someone did with a recording, as the access log records it. */
enum AccessAction {
    /** Searched recordings; the detail holds the criteria. */
    SEARCH,
    /** Read a recording's details. */
    VIEW,
    /** Listened in the browser (audio served inline). */
    PLAY,
    /** Downloaded a file. */
    DOWNLOAD,
    /** Asked for a recording they may not have. */
    DENIED,
    /** Changed a hold (legal hold, complaint, score appeal) or the score. */
    CHANGE,
    /** Retention deleted the recording. */
    DELETE
}
