package org.hotline12333.call;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param journalInterval how often what happened to calls in progress (queued, connected, legs, the survey) is
 *                        written in one batch, off the callers' threads; a call's start and end are written at once
 */
@ConfigurationProperties("hotline.calls")
record CallJournalProperties(Duration journalInterval) {

    CallJournalProperties {
        if (journalInterval == null || journalInterval.isNegative() || journalInterval.isZero()) {
            journalInterval = Duration.ofMillis(200);
        }
    }
}
