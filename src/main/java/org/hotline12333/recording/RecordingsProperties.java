package org.hotline12333.recording;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where recordings live and how they are kept.
 *
 * @param directory          where the service sees the recordings; each Asterisk node writes the same files at its
 *                           own {@code hotline.asterisk.nodes[n].recordings-path} (the same directory when unset)
 * @param recordedScripts    AGI scripts whose calls must be recorded: such a call ending without a recording raises
 *                           an alert. Agents' feature codes ({@code agent}) are not recorded.
 * @param settleInterval     after a hang-up, the files count as finished once their sizes stay the same this long
 * @param settleTimeout      how long to wait for a missing or empty file to appear before calling it missing
 * @param maxCallLength      a file still growing this long after the hang-up is closed anyway
 * @param closerThreads      threads that check, hash and describe finished recordings, off the call path
 * @param retentionPeriod    recordings older than this are deleted, unless on hold (legal hold, complaint, appeal)
 * @param retentionCron      when retention runs (Quartz cron)
 * @param sweepCron          when the integrity sweep runs (Quartz cron)
 * @param minFreeSpace       below this much free space in the directory supervisors are alerted
 * @param diskCheckInterval  how often free space is checked
 */
@Validated
@ConfigurationProperties("hotline.recordings")
public record RecordingsProperties(@DefaultValue("./recordings") @NotNull Path directory,
                                   @DefaultValue("ivr") List<String> recordedScripts,
                                   @DefaultValue("2s") @NotNull Duration settleInterval,
                                   @DefaultValue("15s") @NotNull Duration settleTimeout,
                                   @DefaultValue("4h") @NotNull Duration maxCallLength,
                                   @DefaultValue("2") @Min(1) int closerThreads,
                                   @DefaultValue("365d") @NotNull Duration retentionPeriod,
                                   @DefaultValue("0 0 3 * * ?") @NotBlank String retentionCron,
                                   @DefaultValue("0 30 1 * * ?") @NotBlank String sweepCron,
                                   @DefaultValue("10GB") @NotNull DataSize minFreeSpace,
                                   @DefaultValue("1m") @NotNull Duration diskCheckInterval) {
}
