package org.hotline12333.fallback;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Reads the fallback's call records every {@code hotline.fallback.import-interval}. With the clustered JDBC job store
 * (profile {@code postgres}) each firing runs on one instance only.
 */
@Configuration(proxyBeanMethods = false)
class FallbackSchedule {

    static final JobKey JOB = new JobKey("fallback-import", "fallback");

    @Bean
    JobDetail fallbackImportJob() {
        return JobBuilder.newJob(ImportJob.class).withIdentity(JOB).storeDurably().build();
    }

    @Bean
    Trigger fallbackImportTrigger(FallbackProperties properties) {
        return TriggerBuilder.newTrigger().forJob(JOB).withIdentity("fallback-import-every", JOB.getGroup())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.importInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class ImportJob extends QuartzJobBean {

        private final FallbackImport fallbackImport;

        ImportJob(FallbackImport fallbackImport) {
            this.fallbackImport = fallbackImport;
        }

        @Override
        protected void executeInternal(JobExecutionContext context) {
            fallbackImport.run();
        }
    }
}
