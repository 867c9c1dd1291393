package org.hotline12333.recording;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The Quartz job behind every maintenance task; its job data names the task and, when requested, the run. */
@DisallowConcurrentExecution
class MaintenanceJob extends QuartzJobBean {

    private final Maintenance maintenance;

    MaintenanceJob(Maintenance maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        MaintenanceTask task = MaintenanceTask.valueOf(data.getString(Maintenance.TASK));
        Object runId = data.get(Maintenance.RUN_ID);
        maintenance.run(task, runId == null ? null : ((Number) runId).longValue());
    }
}
