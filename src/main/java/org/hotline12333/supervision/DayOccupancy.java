package org.hotline12333.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Today's occupancy for the floor, asked for again at every figures refresh. The agents' state history only grows,
 * so the part of the day that lies more than {@link #SETTLED} back is summed once and kept, and each refresh sums
 * only what came after it: a scan of the whole day's history, every few seconds, grew with the day (a busy centre
 * writes a few hundred thousand state changes by the evening). Occupancy over a day is the sum of its parts
 * ({@link Occupancy} counts each window's first span in the state the agent was in when it began).
 */
final class DayOccupancy {

    /**
     * How long after it happened a state change is taken as written: it is stored as it happens, but another
     * instance's clock may be a little off, or its transaction may have waited for a connection.
     */
    static final Duration SETTLED = Duration.ofMinutes(5);

    private final Occupancy occupancy;
    private Instant from;
    private Instant keptUntil;
    private Map<String, Occupancy.Time> kept = Map.of();

    DayOccupancy(Occupancy occupancy) {
        this.occupancy = occupancy;
    }

    /** Each agent's time from {@code from} (the day's start) to {@code end}, as {@link Occupancy#agents}. */
    synchronized Map<String, Occupancy.Time> agents(Instant from, Instant end) {
        if (!from.equals(this.from) || keptUntil.isAfter(end)) {
            // another day, or a clock set back: start again
            this.from = from;
            keptUntil = from;
            kept = Map.of();
        }
        Instant settled = end.minus(SETTLED);
        if (settled.isAfter(keptUntil)) {
            kept = Occupancy.plus(kept, occupancy.agents(keptUntil, settled));
            keptUntil = settled;
        }
        return Occupancy.plus(kept, occupancy.agents(keptUntil, end));
    }
}
