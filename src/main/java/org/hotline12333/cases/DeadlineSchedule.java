package org.hotline12333.cases;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job that checks deadlines every {@code hotline.cases.deadline-check-interval}. With the clustered JDBC
 * job store (profile {@code postgres}) each firing runs on one instance only; the rows {@link DeadlineWatch} claims
 * make a reminder or escalation happen once even if two runs overlapped.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineSchedule {

    static final JobKey JOB = new JobKey("case-deadlines", "cases");

    @Bean
    JobDetail caseDeadlineJob() {
        return JobBuilder.newJob(DeadlineJob.class).withIdentity(JOB).storeDurably().build();
    }

    @Bean
    Trigger caseDeadlineTrigger(CasesProperties properties) {
        return TriggerBuilder.newTrigger().forJob(JOB).withIdentity("case-deadlines-check", JOB.getGroup())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.deadlineCheckInterval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @DisallowConcurrentExecution
    static class DeadlineJob extends QuartzJobBean {

        private static final Logger log = LoggerFactory.getLogger(DeadlineJob.class);

        private final DeadlineWatch watch;

        DeadlineJob(DeadlineWatch watch) {
            this.watch = watch;
        }

        @Override
        protected void executeInternal(JobExecutionContext context) {
            int made = watch.check();
            if (made > 0) {
                log.info("Case deadlines: {} reminder(s) and escalation(s)", made);
            }
        }
    }
}
