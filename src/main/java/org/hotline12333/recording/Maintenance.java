package org.hotline12333.recording;

import java.util.concurrent.locks.ReentrantLock;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Runs the maintenance tasks, one at a time on this instance (a sweep must not hash what retention is deleting),
 * each with a run record and report. Scheduled runs come from Quartz triggers; {@link #request} queues one now.
 */
@Component
class Maintenance {

    static final String GROUP = "recordings";
    static final String TASK = "task";
    static final String RUN_ID = "runId";

    private final IntegritySweep sweep;
    private final IndexRebuild rebuild;
    private final Retention retention;
    private final DiskWatch disk;
    private final MaintenanceRuns runs;
    private final Scheduler scheduler;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    Maintenance(IntegritySweep sweep, IndexRebuild rebuild, Retention retention, DiskWatch disk, MaintenanceRuns runs,
                Scheduler scheduler) {
        this.sweep = sweep;
        this.rebuild = rebuild;
        this.retention = retention;
        this.disk = disk;
        this.runs = runs;
        this.scheduler = scheduler;
    }

    static JobKey jobKey(MaintenanceTask task) {
        return JobKey.jobKey(task.name().toLowerCase(), GROUP);
    }

    /** Queues a run of the task through Quartz and returns its record at once. */
    MaintenanceRun.View request(MaintenanceTask task, String requestedBy) {
        MaintenanceRun.View run = runs.create(task, requestedBy);
        JobDataMap data = new JobDataMap();
        data.put(RUN_ID, run.id());
        try {
            scheduler.triggerJob(jobKey(task), data);
        } catch (SchedulerException e) {
            Report report = runs.start(run.id());
            runs.finish(report, new IllegalStateException("could not queue the run: " + e.getMessage(), e));
        }
        return runs.find(run.id()).orElse(run);
    }

    /** Runs a task now, on the calling (Quartz) thread. */
    void run(MaintenanceTask task, Long runId) {
        if (task == MaintenanceTask.DISK) {
            disk.check();
            return;
        }
        oneAtATime.lock();
        try {
            long id = runId != null ? runId : runs.create(task, "schedule").id();
            Report report = runs.start(id);
            try {
                switch (task) {
                    case SWEEP -> sweep.run(report);
                    case REBUILD -> rebuild.run(report);
                    case RETENTION -> retention.run(report);
                    default -> throw new IllegalArgumentException("not a run task: " + task);
                }
                runs.finish(report, null);
            } catch (RuntimeException e) {
                runs.finish(report, e);
            }
        } finally {
            oneAtATime.unlock();
        }
    }
}
