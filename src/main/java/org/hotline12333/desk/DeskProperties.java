package org.hotline12333.desk;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The agent's desk page (docs/desk.md).
 *
 * @param showFullNumbers whether the page shows callers' numbers in full; masked (138****8000) by default: the case
 *                        and the call record keep the full number, and screens are seen by passers-by
 * @param suggestions     articles suggested for a call before the agent types anything
 * @param heartbeat       how often a quiet event stream gets a heartbeat (the page's clock, proxies kept open)
 * @param streamTimeout   an event stream is closed after this long (the browser reconnects at once)
 * @param subscriberQueue events held for one page; a page that falls this far behind is told to resync
 * @param maxSubscribers  desk streams at once (503 beyond)
 * @param resyncInterval  how often the states of agents with a desk page open are read from the database, for
 *                        changes made by another instance (which only that instance hears of)
 */
@Validated
@ConfigurationProperties("hotline.desk")
public record DeskProperties(@DefaultValue("false") boolean showFullNumbers,
                             @DefaultValue("5") @Min(1) @Max(20) int suggestions,
                             @DefaultValue("15s") @NotNull Duration heartbeat,
                             @DefaultValue("30m") @NotNull Duration streamTimeout,
                             @DefaultValue("256") @Min(8) int subscriberQueue,
                             @DefaultValue("500") @Min(1) int maxSubscribers,
                             @DefaultValue("1s") @NotNull Duration resyncInterval) {
}
