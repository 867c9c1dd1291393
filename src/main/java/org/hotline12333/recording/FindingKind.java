package org.hotline12333.recording;

/** What a maintenance run found about one recording or file. */
enum FindingKind {
    /** A file's size or SHA-256 is not what was recorded when the call ended: corrupted or altered. */
    HASH_MISMATCH(true),
    /** A recording's file is gone. */
    FILE_MISSING(true),
    /** A file in the recordings directory that no recording claims. */
    FILE_WITHOUT_RECORDING(true),
    /** A sidecar could not be read. */
    SIDECAR_UNREADABLE(true),
    /** A sidecar could not be written. */
    SIDECAR_UNWRITABLE(true),
    /** A sidecar was missing or did not match the index, and was written again from the index. */
    SIDECAR_REWRITTEN(false),
    /** A recording waiting for its sidecar got it and is now complete. */
    SIDECAR_WRITTEN(false),
    /** Rebuild: a sidecar says something else than the index row of the same recording; the row is kept. */
    DIFFERS_FROM_INDEX(true),
    /** Rebuild: a sidecar that cannot be restored (another recording has its call, or it points elsewhere). */
    CONFLICT(true),
    /** Retention: a recording could not be deleted. */
    DELETE_FAILED(true);

    private final boolean problem;

    FindingKind(boolean problem) {
        this.problem = problem;
    }

    /** Whether supervisors need to act on it (an alert is raised for a run with problems). */
    boolean problem() {
        return problem;
    }
}
