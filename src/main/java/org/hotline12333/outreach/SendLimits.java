package org.hotline12333.outreach;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When a message may go: never in quiet hours (by default 21:00 to 08:00 in the centre's zone), at most
 * {@code max-per-second} segments a second over the link, and at most {@code per-number-max} messages to one number
 * within {@code per-number-window}. All by the service's clock.
 */
@Component
class SendLimits {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final OutreachProperties.Sms properties;
    private final OutboxStore store;
    private final Deque<Instant> lastSecond = new ArrayDeque<>();

    SendLimits(OutreachProperties properties, OutboxStore store) {
        this.properties = properties.sms();
        this.store = store;
    }

    boolean quiet(Instant now) {
        LocalTime time = now.atZone(properties.zone()).toLocalTime();
        LocalTime from = properties.quietFrom();
        LocalTime until = properties.quietUntil();
        if (from.equals(until)) {
            return false;
        }
        return from.isAfter(until) ? !time.isBefore(from) || time.isBefore(until)
                : !time.isBefore(from) && time.isBefore(until);
    }

    /** The end of the quiet hours {@code now} is in. */
    Instant quietEnds(Instant now) {
        ZonedDateTime local = now.atZone(properties.zone());
        ZonedDateTime end = local.with(properties.quietUntil()).withSecond(0).withNano(0);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }

    /** Takes one of this second's places on the link; false when they are all used. */
    synchronized boolean take(Instant now) {
        while (!lastSecond.isEmpty() && (!lastSecond.peekFirst().plus(SECOND).isAfter(now)
                || lastSecond.peekFirst().isAfter(now))) { // a clock set back frees the places too
            lastSecond.pollFirst();
        }
        if (lastSecond.size() >= properties.maxPerSecond()) {
            return false;
        }
        lastSecond.addLast(now);
        return true;
    }

    synchronized Instant nextPlace(Instant now) {
        return lastSecond.isEmpty() ? now : lastSecond.peekFirst().plus(SECOND);
    }

    /** When the next message to this number may go, if not now. */
    Optional<Instant> numberFree(String recipient, Instant now) {
        List<Instant> sent = store.sentTo(recipient, now.minus(properties.perNumberWindow()));
        if (sent.size() < properties.perNumberMax()) {
            return Optional.empty();
        }
        return Optional.of(sent.get(sent.size() - properties.perNumberMax()).plus(properties.perNumberWindow()));
    }
}
