package org.hotline12333.recording;

/** Work done on the recordings directory and index by Quartz jobs, nightly or on a supervisor's request. */
enum MaintenanceTask {
    /** Recompute every hash, find files without recordings and recordings without files, finish what was left. */
    SWEEP,
    /** Restore index rows from the sidecars on disk, e.g. after a database loss. */
    REBUILD,
    /** Delete recordings older than the retention period that are on no hold. */
    RETENTION,
    /** Check free space in the recordings directory. */
    DISK
}
