package org.hotline12333.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Each group's recent handle time (talk plus wrap-up), a moving average that feeds the waiting callers' estimate. */
final class HandleTimes {

    private final Map<String, Double> seconds = new HashMap<>();

    void handled(String group, Duration handleTime) {
        seconds.merge(group, (double) handleTime.toSeconds(), (old, now) -> old * 0.9 + now * 0.1);
    }

    /** The group's average in seconds, or the default until it has one. */
    double averageSeconds(String group, Duration defaultHandleTime) {
        return seconds.getOrDefault(group, (double) defaultHandleTime.toSeconds());
    }
}
