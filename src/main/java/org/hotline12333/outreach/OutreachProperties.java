package org.hotline12333.outreach;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reaching citizens after the call: text messages over SMPP and return-visit calls (docs/outreach.md).
 *
 * @param sms         the SMS gateway and the outbox
 * @param returnVisit the 回访 campaign
 */
@Validated
@ConfigurationProperties("hotline.outreach")
public record OutreachProperties(@DefaultValue @Valid Sms sms, @DefaultValue @Valid ReturnVisit returnVisit) {

    /**
     * @param enabled          whether the service binds to the gateway; off, messages wait in the outbox
     * @param host             the SMSC or SMS gateway (SMPP 3.4)
     * @param systemId         the account (system_id) the gateway gave the centre
     * @param password         its password (at most 8 characters in SMPP 3.4)
     * @param systemType       system_type of the bind, if the gateway wants one
     * @param sourceAddress    the number messages come from (the centre's 106… service number)
     * @param signature        the centre's signature (签名) every message starts with, in 【】
     * @param maxSegments      the concatenation limit: a message needing more segments is refused (400)
     * @param maxPerSecond     segments submitted per second at most, over all numbers (the gateway's contracted rate)
     * @param perNumberMax     messages to one number within {@code perNumberWindow} at most; more wait
     * @param quietFrom        from this time of day (in {@code zone}) nothing is sent ...
     * @param quietUntil       ... until this time; messages wait
     * @param maxAttempts      submissions of a message that failed for a passing reason before it is FAILED
     * @param retryInterval    the first wait before another attempt; doubled each time
     * @param throttleBackoff  how long the link rests after the gateway answered ESME_RTHROTTLED
     * @param reconnectMin     first wait before binding again after a drop or a refusal; doubled up to {@code reconnectMax}
     * @param transactionTimer how long a submit waits for the gateway's response; none: the message is UNCERTAIN
     * @param enquireLink      how often an idle link is checked (enquire_link)
     * @param pollInterval     how often the outbox looks for messages that became due
     */
    public record Sms(@DefaultValue("false") boolean enabled, @DefaultValue("localhost") @NotNull String host,
                      @DefaultValue("2775") @Min(0) @Max(65535) int port,
                      @DefaultValue("hotline") @NotNull String systemId, @DefaultValue("") String password,
                      @DefaultValue("") String systemType, @DefaultValue("10690012333") @NotNull String sourceAddress,
                      @DefaultValue("【12333】") @NotNull String signature,
                      @DefaultValue("6") @Min(1) @Max(20) int maxSegments,
                      @DefaultValue("20") @Min(1) int maxPerSecond,
                      @DefaultValue("5") @Min(1) int perNumberMax,
                      @DefaultValue("24h") @NotNull Duration perNumberWindow,
                      @DefaultValue("21:00") @NotNull LocalTime quietFrom,
                      @DefaultValue("08:00") @NotNull LocalTime quietUntil,
                      @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
                      @DefaultValue("5") @Min(1) int maxAttempts,
                      @DefaultValue("1m") @NotNull Duration retryInterval,
                      @DefaultValue("5s") @NotNull Duration throttleBackoff,
                      @DefaultValue("1s") @NotNull Duration reconnectMin,
                      @DefaultValue("60s") @NotNull Duration reconnectMax,
                      @DefaultValue("10s") @NotNull Duration transactionTimer,
                      @DefaultValue("30s") @NotNull Duration enquireLink,
                      @DefaultValue("500ms") @NotNull Duration pollInterval) {
    }

    /**
     * @param enabled        whether the campaign runs
     * @param menu           the IVR script of the survey (ivr-scripts/return-visit.yaml)
     * @param after          how long after a case closes its return visit is due
     * @param sampleRate     share of answered calls without a case that get a return visit too (0–1)
     * @param sampleDelay    how long after such a call its return visit is due
     * @param maxAttempts    calls of one visit at most (no answer, busy)
     * @param retryInterval  time between those calls
     * @param ringTimeout    how long the citizen's phone rings
     * @param answerWait     after this long without the call being answered or refused, the attempt counts as no answer
     * @param perRun         visits started per run at most
     * @param interval       how often the campaign runs (Quartz)
     * @param callerId       the number the citizen sees
     */
    public record ReturnVisit(@DefaultValue("true") boolean enabled,
                              @DefaultValue("return-visit") @NotNull String menu,
                              @DefaultValue("1h") @NotNull Duration after,
                              @DefaultValue("0.02") double sampleRate,
                              @DefaultValue("2h") @NotNull Duration sampleDelay,
                              @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
                              @DefaultValue("2h") @NotNull Duration retryInterval,
                              @DefaultValue("30s") @NotNull Duration ringTimeout,
                              @DefaultValue("2m") @NotNull Duration answerWait,
                              @DefaultValue("10") @Min(1) int perRun,
                              @DefaultValue("1m") @NotNull Duration interval,
                              @DefaultValue("12333") @NotNull String callerId) {
    }
}
