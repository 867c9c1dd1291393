package org.hotline12333.supervision;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The supervisors' floor and monitoring.
 *
 * @param serviceLevelThreshold answered within this long after asking for a person counts for the service level
 *                              (GB/T 33358-2016: 15 s)
 * @param shortAbandon          a caller hanging up within this long of asking for a person is a short abandon: counted
 *                              as abandoned, but left out of service level and connection rate (0: none are)
 * @param connectionRateTarget  the line the 24-hour connection rate (接通率) is shown against (GB/T 33358-2016: 95%)
 * @param zone                  the time zone "today" is counted in
 * @param showFullNumbers       whether the floor shows callers' numbers in full; masked (138****8000) by default,
 *                              since the floor is often on a wall screen
 * @param longWait              a caller waiting for an agent longer than this raises a LONG_WAIT alert (once per call)
 * @param longCall              an agent talking on one call longer than this raises a LONG_CALL alert (once per call)
 * @param alertCheckInterval    how often these two are checked
 * @param tick                  how often queue positions, groups and channels without a service call are refreshed
 * @param resyncInterval        how often agents, skill groups and open alerts are re-read from the database (changes
 *                              made by other instances)
 * @param figuresInterval       how often the figures are recomputed from the database when calls changed (at least
 *                              once a minute anyway: the 24-hour window slides)
 * @param heartbeat             how often an idle event stream gets a heartbeat
 * @param streamTimeout         an event stream is closed after this long (the browser reconnects at once)
 * @param subscriberQueue       changes held for one stream subscriber; a subscriber that falls this far behind is
 *                              told to resync and dropped, so a slow browser never slows anything else
 * @param maxSubscribers        event streams at once
 * @param inboxCapacity         events waiting for the floor; beyond it the floor rebuilds itself from its sources
 * @param pbxGrace              a channel on Asterisk that no call of the service claims after this long is shown as
 *                              a call of its own (e.g. callers the dialplan's fallback queue took during a restart)
 */
@Validated
@ConfigurationProperties("hotline.supervision")
public record SupervisionProperties(@DefaultValue("15s") @NotNull Duration serviceLevelThreshold,
                                    @DefaultValue("5s") @NotNull Duration shortAbandon,
                                    @DefaultValue("0.95") @DecimalMin("0") @DecimalMax("1") double connectionRateTarget,
                                    @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
                                    @DefaultValue("false") boolean showFullNumbers,
                                    @DefaultValue("60s") @NotNull Duration longWait,
                                    @DefaultValue("20m") @NotNull Duration longCall,
                                    @DefaultValue("5s") @NotNull Duration alertCheckInterval,
                                    @DefaultValue("1s") @NotNull Duration tick,
                                    @DefaultValue("5s") @NotNull Duration resyncInterval,
                                    @DefaultValue("2s") @NotNull Duration figuresInterval,
                                    @DefaultValue("15s") @NotNull Duration heartbeat,
                                    @DefaultValue("30m") @NotNull Duration streamTimeout,
                                    @DefaultValue("512") @Min(8) int subscriberQueue,
                                    @DefaultValue("50") @Min(1) int maxSubscribers,
                                    @DefaultValue("20000") @Min(100) int inboxCapacity,
                                    @DefaultValue("3s") @NotNull Duration pbxGrace) {
}
