package org.hotline12333.recording;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Quartz jobs of recordings maintenance: the integrity sweep and retention nightly (cron from the
 * configuration), the free-space check every {@code disk-check-interval}, and the index rebuild on request only.
 */
@Configuration(proxyBeanMethods = false)
class MaintenanceSchedule {

    @Bean
    JobDetail recordingSweepJob() {
        return job(MaintenanceTask.SWEEP);
    }

    @Bean
    JobDetail recordingRetentionJob() {
        return job(MaintenanceTask.RETENTION);
    }

    @Bean
    JobDetail recordingRebuildJob() {
        return job(MaintenanceTask.REBUILD);
    }

    @Bean
    JobDetail recordingDiskJob() {
        return job(MaintenanceTask.DISK);
    }

    @Bean
    Trigger recordingSweepTrigger(RecordingsProperties properties) {
        return nightly(MaintenanceTask.SWEEP, properties.sweepCron());
    }

    @Bean
    Trigger recordingRetentionTrigger(RecordingsProperties properties) {
        return nightly(MaintenanceTask.RETENTION, properties.retentionCron());
    }

    @Bean
    Trigger recordingDiskTrigger(RecordingsProperties properties) {
        return TriggerBuilder.newTrigger().forJob(Maintenance.jobKey(MaintenanceTask.DISK))
                .withIdentity("disk-check", Maintenance.GROUP)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.diskCheckInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    private static Trigger nightly(MaintenanceTask task, String cron) {
        return TriggerBuilder.newTrigger().forJob(Maintenance.jobKey(task))
                .withIdentity(task.name().toLowerCase() + "-nightly", Maintenance.GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)).build();
    }

    private static JobDetail job(MaintenanceTask task) {
        return JobBuilder.newJob(MaintenanceJob.class).withIdentity(Maintenance.jobKey(task))
                .usingJobData(Maintenance.TASK, task.name()).storeDurably().build();
    }
}
