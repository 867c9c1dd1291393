package org.hotline12333.quality;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Set;
import org.hotline12333.speech.FindingKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Quality scoring.
 *
 * @param scorecard        the scorecard new scores use when the request names none
 * @param seedScorecard    YAML read into the empty scorecard table on the first start; empty for none
 * @param zone             where "a day" and "a month" are counted (sampling, monthly assessment, CSV times)
 * @param sampling         the daily sample
 * @param assessmentCron   when the monthly assessment of the previous month is produced (Quartz cron, in {@code zone})
 */
@Validated
@ConfigurationProperties("hotline.quality")
public record QualityProperties(@DefaultValue("hotline-standard") @NotBlank String scorecard,
                                @DefaultValue("classpath:quality/scorecard-12333.yml") String seedScorecard,
                                @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
                                @DefaultValue @Valid Sampling sampling,
                                @DefaultValue("0 0 2 1 * ?") @NotBlank String assessmentCron) {

    /**
     * @param share           the share of each agent's answered calls of a day drawn for scoring (0.05: 5%, rounded up)
     * @param minimumPerAgent at least this many calls per agent and day (all of them when the agent took fewer)
     * @param cron            when the previous day's sample is drawn (Quartz cron, in {@code zone})
     * @param findingKinds    speech findings that queue a call for scoring as soon as they are found
     */
    public record Sampling(@DefaultValue("0.05") @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal share,
                           @DefaultValue("2") @Min(0) int minimumPerAgent,
                           @DefaultValue("0 15 0 * * ?") @NotBlank String cron,
                           @DefaultValue({"FORBIDDEN_PHRASE", "GREETING_MISSING", "CLOSING_MISSING", "SPEECH_TOO_FAST",
                                   "SPEECH_TOO_SLOW"}) Set<FindingKind> findingKinds) {
    }
}
