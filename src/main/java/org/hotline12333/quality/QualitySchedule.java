package org.hotline12333.quality;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Quality's timed work (Quartz, cron in {@code hotline.quality.zone}): each day the previous day's sample is drawn
 * with a fresh random seed and score sidecars that could not be written are tried again; on the 1st the previous
 * month's assessment is produced.
 */
@Configuration(proxyBeanMethods = false)
class QualitySchedule {

    static final String GROUP = "quality";
    static final String TASK = "task";
    static final String BY = "schedule";

    enum Task {
        DAILY_SAMPLE, MONTHLY_ASSESSMENT
    }

    @Bean
    JobDetail qualitySampleJob() {
        return job(Task.DAILY_SAMPLE);
    }

    @Bean
    JobDetail qualityAssessmentJob() {
        return job(Task.MONTHLY_ASSESSMENT);
    }

    @Bean
    Trigger qualitySampleTrigger(QualityProperties properties) {
        return trigger(Task.DAILY_SAMPLE, properties.sampling().cron(), properties);
    }

    @Bean
    Trigger qualityAssessmentTrigger(QualityProperties properties) {
        return trigger(Task.MONTHLY_ASSESSMENT, properties.assessmentCron(), properties);
    }

    private static JobDetail job(Task task) {
        return JobBuilder.newJob(QualityJob.class).withIdentity(new JobKey(task.name().toLowerCase(), GROUP))
                .usingJobData(TASK, task.name()).storeDurably().build();
    }

    private static Trigger trigger(Task task, String cron, QualityProperties properties) {
        return TriggerBuilder.newTrigger().forJob(new JobKey(task.name().toLowerCase(), GROUP))
                .withIdentity(task.name().toLowerCase(), GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(properties.zone())))
                .build();
    }

    /** Runs one of quality's tasks for the day or month before now. */
    @DisallowConcurrentExecution
    static class QualityJob extends QuartzJobBean {

        private static final Logger log = LoggerFactory.getLogger(QualityJob.class);
        private static final SecureRandom SEEDS = new SecureRandom();

        private final Sampler sampler;
        private final Scoring scoring;
        private final Assessments assessments;
        private final QualityProperties properties;
        private final Clock clock;

        QualityJob(Sampler sampler, Scoring scoring, Assessments assessments, QualityProperties properties,
                   Clock clock) {
            this.sampler = sampler;
            this.scoring = scoring;
            this.assessments = assessments;
            this.properties = properties;
            this.clock = clock;
        }

        @Override
        protected void executeInternal(JobExecutionContext context) {
            Task task = Task.valueOf(context.getMergedJobDataMap().getString(TASK));
            LocalDate today = clock.instant().atZone(properties.zone()).toLocalDate();
            if (task == Task.DAILY_SAMPLE) {
                sampler.draw(today.minusDays(1), SEEDS.nextLong(), BY);
                int missing = scoring.writePendingSidecars();
                if (missing > 0) {
                    log.warn("{} score sidecar(s) not written yet: recordings still open, or the warnings above say why", missing);
                }
            } else {
                assessments.produce(YearMonth.from(today).minusMonths(1), BY);
            }
        }
    }
}
