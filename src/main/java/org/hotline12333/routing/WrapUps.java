package org.hotline12333.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** When each agent in wrap-up is READY again, unless they go ready or pause earlier; the timers end it. */
@Component
class WrapUps {

    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    void until(String workNumber, Instant at) {
        until.put(workNumber, at);
    }

    /** Sets the end only if the agent has none (an agent found in wrap-up by the database sync). */
    void untilIfNone(String workNumber, Instant at) {
        until.putIfAbsent(workNumber, at);
    }

    /** When this agent's wrap-up ends, if this instance keeps its timer. */
    Optional<Instant> ends(String workNumber) {
        return Optional.ofNullable(until.get(workNumber));
    }

    void cancel(String workNumber) {
        until.remove(workNumber);
    }

    /** The agents whose wrap-up is over at {@code now}, taken off. */
    List<String> due(Instant now) {
        List<String> due = new ArrayList<>();
        until.forEach((agent, at) -> {
            if (!at.isAfter(now) && until.remove(agent, at)) {
                due.add(agent);
            }
        });
        return due;
    }
}
