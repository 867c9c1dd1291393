package org.hotline12333.cases;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.KeyMatcher;

/** Counts the runs of one Quartz job on these schedulers (instances) while it is open. */
final class JobRuns implements JobListener, AutoCloseable {

    private final List<Scheduler> schedulers;
    private final AtomicInteger runs = new AtomicInteger();

    private JobRuns(List<Scheduler> schedulers) {
        this.schedulers = schedulers;
    }

    static JobRuns of(JobKey job, List<Scheduler> schedulers) throws SchedulerException {
        JobRuns counter = new JobRuns(schedulers);
        for (Scheduler scheduler : schedulers) {
            scheduler.getListenerManager().addJobListener(counter, KeyMatcher.keyEquals(job));
        }
        return counter;
    }

    /** Runs finished so far. */
    int count() {
        return runs.get();
    }

    @Override
    public String getName() {
        return "cases-test-job-runs";
    }

    @Override
    public void jobToBeExecuted(JobExecutionContext context) {
    }

    @Override
    public void jobExecutionVetoed(JobExecutionContext context) {
    }

    @Override
    public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
        runs.incrementAndGet();
    }

    @Override
    public void close() throws SchedulerException {
        for (Scheduler scheduler : schedulers) {
            scheduler.getListenerManager().removeJobListener(getName());
        }
    }
}
