package org.hotline12333.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Today's occupancy for the floor, asked for again at every figures refresh. The agents' state history only grows,
 * so the part of the day that lies more than {@link #SETTLED} back is summed once and kept. The part after it is
 * summed too, and kept while no state change has been written into it since: each refresh then sums only what came
 * after the refresh before (a scan of the whole day's history, every few seconds, grew with the day, and even the
 * last five minutes' were 7 % of the service's CPU with a thousand callers at once). Occupancy over a day is the sum of
 * its parts ({@link Occupancy} counts each window's first span in the state the agent was in when it began).
 */
final class DayOccupancy {

    /**
     * How long after it happened a state change is taken as written: it is stored as it happens, but another
     * instance's clock may be a little off, or its transaction may have waited for a connection.
     */
    static final Duration SETTLED = Duration.ofMinutes(5);
    /** How far the settled part moves at once; the recent part is summed afresh each time it does. */
    static final Duration SETTLE_STEP = Duration.ofMinutes(1);

    private final Occupancy occupancy;
    private Instant from;
    private Instant keptUntil;
    private Map<String, Occupancy.Time> kept = Map.of();
    /** The recent part, from {@code keptUntil} to {@code recentUntil}, and how many state changes it held. */
    private Instant recentUntil;
    private Map<String, Occupancy.Time> recent;
    private long recentChanges;

    DayOccupancy(Occupancy occupancy) {
        this.occupancy = occupancy;
    }

    /** Each agent's time from {@code from} (the day's start) to {@code end}, as {@link Occupancy#agents}. */
    synchronized Map<String, Occupancy.Time> agents(Instant from, Instant end) {
        if (!from.equals(this.from) || keptUntil.isAfter(end) || (recent != null && recentUntil.isAfter(end))) {
            // another day, or a clock set back: start again
            this.from = from;
            keptUntil = from;
            kept = Map.of();
            recent = null;
        }
        Instant settled = end.minus(SETTLED);
        if (!settled.isBefore(keptUntil.plus(SETTLE_STEP))) {
            kept = Occupancy.plus(kept, occupancy.agents(keptUntil, settled));
            keptUntil = settled;
            recent = null;
        }
        if (recent != null && occupancy.changes(keptUntil, recentUntil) != recentChanges) {
            recent = null; // a change written late, into the part already summed
        }
        // counted before the sum: a change written meanwhile makes the next count differ, never the other way round
        long changes = occupancy.changes(keptUntil, end);
        recent = recent == null ? occupancy.agents(keptUntil, end)
                : Occupancy.plus(recent, occupancy.agents(recentUntil, end));
        recentUntil = end;
        recentChanges = changes;
        return Occupancy.plus(kept, recent);
    }
}
