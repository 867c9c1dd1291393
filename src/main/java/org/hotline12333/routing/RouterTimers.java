package org.hotline12333.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The router's timers, soonest first: when a waiting caller overflows to other groups, and when a caller held for
 * their first-asker agent stops waiting for them. A timer is not cancelled when its caller leaves; the router skips
 * it when it comes due.
 */
final class RouterTimers {

    enum Kind { OVERFLOW, FIRST_ASKER_END }

    record Timer(Instant at, long sequence, QueuedCaller caller, Kind kind) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long sequence;

    void at(Instant at, QueuedCaller caller, Kind kind) {
        timers.add(new Timer(at, ++sequence, caller, kind));
    }

    /** The timers due at {@code now}, in order, taken off. */
    List<Timer> due(Instant now) {
        List<Timer> due = new ArrayList<>();
        while (!timers.isEmpty() && !timers.peek().at().isAfter(now)) {
            due.add(timers.poll());
        }
        return due;
    }
}
