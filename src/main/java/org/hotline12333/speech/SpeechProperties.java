package org.hotline12333.speech;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Speech analytics: the Vosk model, the transcription workers and what counts as a finding.
 *
 * @param modelPath       folder of an unpacked Vosk model (e.g. vosk-model-small-cn-0.22); none: speech features
 *                        are off and everything else works
 * @param sampleRate      the rate audio is given to the recognizer at; recordings at another rate are resampled.
 *                        8000 passes telephone audio as recorded (Vosk adapts it to the model itself)
 * @param threads         recognizers working at once, shared by transcription and the IVR's keywords; 0: one per core
 * @param pollInterval    how often the queue is looked at when nothing has woken it
 * @param maxAttempts     tries per recording before its job is marked failed
 * @param retryDelay      wait before a failed job is tried again
 * @param jobLease        a job claimed longer ago than this by an instance that is gone is queued again
 * @param transcriptsPath where transcript sidecars go; none: next to the recording's mixed file
 * @param findings        what the transcripts are checked for
 * @param live            forbidden phrases caught while the call is still on
 */
@Validated
@ConfigurationProperties("hotline.speech")
public record SpeechProperties(Path modelPath,
                               @DefaultValue("8000") @Min(8000) int sampleRate,
                               @DefaultValue("0") @Min(0) int threads,
                               @DefaultValue("2s") Duration pollInterval,
                               @DefaultValue("3") @Min(1) int maxAttempts,
                               @DefaultValue("5m") Duration retryDelay,
                               @DefaultValue("2h") Duration jobLease,
                               Path transcriptsPath,
                               @DefaultValue @Valid @NotNull Findings findings,
                               @DefaultValue @Valid @NotNull Live live) {

    public SpeechProperties {
        modelPath = blankAsNone(modelPath);
        transcriptsPath = blankAsNone(transcriptsPath);
    }

    private static Path blankAsNone(Path path) {
        return path == null || path.toString().isBlank() ? null : path;
    }

    /** Recognizer threads: as configured, or one per core. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param forbiddenPhrases 服务忌语, looked for in the agent's speech only
     * @param greetingPhrases  one of them is expected within {@code openingWindow} of the agent's first words
     * @param closingPhrases   one of them is expected within {@code closingWindow} of the agent's last words
     * @param minCharsPerMinute slowest comfortable agent speech rate (Chinese characters per minute)
     * @param maxCharsPerMinute fastest comfortable agent speech rate
     * @param longSilence      nobody speaking for this long, in the middle of a call, is a finding
     * @param talkOver         both sides speaking at once for this long is a finding
     */
    public record Findings(
            @DefaultValue({"不知道", "你去问别的部门", "不归我们管", "自己去查", "我也没办法"}) List<String> forbiddenPhrases,
            @DefaultValue("您好") List<String> greetingPhrases,
            @DefaultValue({"感谢您的来电", "再见"}) List<String> closingPhrases,
            @DefaultValue("15s") Duration openingWindow,
            @DefaultValue("15s") Duration closingWindow,
            @DefaultValue("150") @Min(1) int minCharsPerMinute,
            @DefaultValue("250") @Min(1) int maxCharsPerMinute,
            @DefaultValue("10s") Duration longSilence,
            @DefaultValue("1s") Duration talkOver) {

        @AssertTrue(message = "min-chars-per-minute must not be above max-chars-per-minute")
        boolean isRateRangeOrdered() {
            return minCharsPerMinute <= maxCharsPerMinute;
        }
    }

    /**
     * The agent's side of every call an agent has answered is followed as it is recorded, and the floor is alerted
     * when a forbidden phrase (the same {@code findings.forbidden-phrases}) is heard, while the call is still on.
     *
     * @param enabled      whether calls are watched live at all (the recording is analysed after the call either way)
     * @param pollInterval how often each watched recording is looked at for new audio
     * @param maxCalls     calls watched at once, at most; calls beyond are left to the analysis after the call. 0:
     *                     as many as the recognizer threads keep up with ({@link LiveSpotting#CALLS_PER_THREAD} each)
     */
    public record Live(@DefaultValue("true") boolean enabled,
                       @DefaultValue("250ms") Duration pollInterval,
                       @DefaultValue("0") @Min(0) int maxCalls) {
    }
}
