package org.hotline12333.outreach;

import java.time.Clock;
import java.time.LocalDate;
import org.hotline12333.ivr.WorkingDays;
import org.quartz.CronScheduleBuilder;
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
 * Quartz runs the 回访 campaign every {@code hotline.outreach.return-visit.interval} (it calls only while the centre is
 * open) and samples the day before's answered calls without a case at 07:00 in the calendar's zone. With the clustered
 * JDBC job store (profile {@code postgres}) each firing runs on one instance; the visits' conditional claims make each
 * call once even if two runs overlapped.
 */
@Configuration(proxyBeanMethods = false)
class ReturnVisitSchedule {

    static final JobKey CAMPAIGN = new JobKey("return-visits", "outreach");
    static final JobKey SAMPLE = new JobKey("return-visit-sample", "outreach");

    @Bean
    JobDetail returnVisitJob() {
        return JobBuilder.newJob(CampaignJob.class).withIdentity(CAMPAIGN).storeDurably().build();
    }

    @Bean
    Trigger returnVisitTrigger(OutreachProperties properties) {
        return TriggerBuilder.newTrigger().forJob(CAMPAIGN).withIdentity("return-visits-run", CAMPAIGN.getGroup())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.returnVisit().interval().toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail returnVisitSampleJob() {
        return JobBuilder.newJob(SampleJob.class).withIdentity(SAMPLE).storeDurably().build();
    }

    @Bean
    Trigger returnVisitSampleTrigger(OutreachProperties properties) {
        return TriggerBuilder.newTrigger().forJob(SAMPLE).withIdentity("return-visit-sample-daily", SAMPLE.getGroup())
                .withSchedule(CronScheduleBuilder.dailyAtHourAndMinute(7, 0).inTimeZone(
                        java.util.TimeZone.getTimeZone(properties.sms().zone())))
                .build();
    }

    @DisallowConcurrentExecution
    static class CampaignJob extends QuartzJobBean {

        private final ReturnVisitCampaign campaign;

        CampaignJob(ReturnVisitCampaign campaign) {
            this.campaign = campaign;
        }

        @Override
        protected void executeInternal(JobExecutionContext context) {
            campaign.run();
        }
    }

    @DisallowConcurrentExecution
    static class SampleJob extends QuartzJobBean {

        private final ReturnVisits visits;
        private final OutreachProperties properties;
        private final WorkingDays calendar;
        private final Clock clock;

        SampleJob(ReturnVisits visits, OutreachProperties properties, WorkingDays calendar, Clock clock) {
            this.visits = visits;
            this.properties = properties;
            this.calendar = calendar;
            this.clock = clock;
        }

        @Override
        protected void executeInternal(JobExecutionContext context) {
            LocalDate yesterday = LocalDate.ofInstant(clock.instant(), calendar.zone()).minusDays(1);
            visits.sample(yesterday, properties.returnVisit().sampleRate());
        }
    }
}
