package org.hotline12333.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the real time unless a test sets one (e.g. a Monday morning, or a night after
 * hours), fixed or running from there; tests that set it reset it when they are done.
 */
public class TestClock extends Clock {

    private volatile Instant fixed;
    private volatile Instant runningFrom;
    private volatile long runningSince;

    /** The clock stands still at this instant. */
    public void set(Instant instant) {
        this.runningFrom = null;
        this.fixed = instant;
    }

    /** The clock runs, at the real pace, from this instant (for calls that wait on the clock: music, retries). */
    public void runFrom(Instant instant) {
        this.runningSince = System.nanoTime();
        this.runningFrom = instant;
        this.fixed = null;
    }

    /** Moves the clock forward, fixed or running, as if this much time had passed at once. */
    public void advance(Duration duration) {
        Instant now = instant();
        if (fixed != null) {
            set(now.plus(duration));
        } else {
            runFrom(now.plus(duration));
        }
    }

    public void reset() {
        this.fixed = null;
        this.runningFrom = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        if (now != null) {
            return now;
        }
        Instant from = runningFrom;
        return from != null ? from.plusNanos(System.nanoTime() - runningSince) : Instant.now();
    }
}
