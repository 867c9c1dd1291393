package org.hotline12333.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The service's one {@link Router}, behind its lock: every thread (callers' AGI sessions, AMI events, the desk, the
 * timers) goes through here. The configuration is also kept outside the lock, for the many reads of every call.
 * How long threads wait for the lock is the {@code hotline.routing.lock.wait} timer (an uncontended acquisition
 * counts as no wait).
 */
@Component
class LockedRouter {

    private final Router router;
    private final Duration defaultHandleTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Timer lockWait;
    private volatile RoutingConfig config = RoutingConfig.EMPTY;

    LockedRouter(RoutingProperties properties, MeterRegistry meters) {
        this.router = new Router(properties.strategy(), properties.priorityHeadStart(), properties.maxPriority(),
                (callerNode, agentNode) -> properties.remoteDial().containsKey(agentNode));
        this.defaultHandleTime = properties.defaultHandleTime();
        this.lockWait = Timer.builder("hotline.routing.lock.wait").description("waiting for the router's lock")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** The configuration now; read without the lock. */
    RoutingConfig config() {
        return config;
    }

    void configure(RoutingConfig config) {
        inLock(() -> {
            router.configure(config);
            this.config = config;
            return null;
        });
    }

    /** Stores the agent's row in the router (keeping the skills it knows) and returns whom they should take now. */
    Optional<Router.Assignment> agentChanged(AgentStore.AgentRow row) {
        return inLock(() -> {
            router.putAgent(AgentSnapshot.of(row, skillsOf(row.workNumber())));
            return router.agentAvailable(row.workNumber());
        });
    }

    /** The agent as the database has them now (or gone from it), no longer held for a caller. */
    void reload(String workNumber, Optional<AgentStore.AgentRow> row) {
        inLock(() -> {
            row.ifPresentOrElse(r -> {
                router.putAgent(AgentSnapshot.of(r, skillsOf(workNumber)));
                router.release(workNumber);
            }, () -> router.removeAgent(workNumber));
            return null;
        });
    }

    /**
     * Every agent as read from the database: those gone are removed, those changed stored (and returned, to be
     * matched with a caller by the engine); an unchanged one is matched at once, a safety net for a pairing missed in a
     * race, and its caller added to {@code missed}.
     */
    List<AgentStore.AgentRow> agentsRead(List<AgentStore.AgentRow> rows, Map<String, Map<String, Integer>> skills,
                                         List<Router.Assignment> missed) {
        List<AgentStore.AgentRow> changed = new ArrayList<>();
        inLock(() -> {
            Set<String> known = rows.stream().map(AgentStore.AgentRow::workNumber).collect(Collectors.toSet());
            for (String gone : router.agentNumbers()) {
                if (!known.contains(gone)) {
                    router.removeAgent(gone);
                }
            }
            for (AgentStore.AgentRow row : rows) {
                AgentSnapshot fresh = AgentSnapshot.of(row, skills.getOrDefault(row.workNumber(), Map.of()));
                if (!fresh.equals(router.agent(row.workNumber()).orElse(null))) {
                    router.putAgent(fresh);
                    changed.add(row);
                } else {
                    router.agentAvailable(row.workNumber()).ifPresent(missed::add);
                }
            }
            return null;
        });
        return changed;
    }

    Optional<Router.Assignment> arrive(QueuedCaller caller, Instant now) {
        return locked(r -> r.arrive(caller, now));
    }

    /** The best agent for one-off work (not a waiting caller), held for it; the work does not wait. */
    Optional<Router.Assignment> pickFor(QueuedCaller work, Instant now) {
        return locked(r -> {
            Optional<Router.Assignment> pick = r.arrive(work, now);
            r.leave(work.callId);
            return pick;
        });
    }

    Optional<Router.Assignment> requeue(String callId) {
        return locked(r -> r.requeue(callId));
    }

    void leave(String callId) {
        locked(r -> {
            r.leave(callId);
            return null;
        });
    }

    void release(String workNumber) {
        locked(r -> {
            r.release(workNumber);
            return null;
        });
    }

    List<Router.Assignment> tick(Instant now) {
        return locked(r -> r.tick(now));
    }

    Optional<AgentSnapshot> agent(String workNumber) {
        return locked(r -> r.agent(workNumber));
    }

    boolean anyoneFor(String group, String post) {
        return locked(r -> r.anyoneFor(group, post));
    }

    int position(String callId) {
        return locked(r -> r.position(callId));
    }

    Duration estimatedWait(String callId) {
        return locked(r -> r.estimatedWait(callId, defaultHandleTime));
    }

    void handled(String group, Duration handleTime) {
        locked(r -> {
            r.handled(group, handleTime);
            return null;
        });
    }

    boolean anyWaitingFor(String group) {
        return locked(r -> r.anyWaitingFor(group));
    }

    List<String> waitingCallIds() {
        return locked(Router::waitingCallIds);
    }

    private Map<String, Integer> skillsOf(String workNumber) {
        return router.agent(workNumber).map(AgentSnapshot::skills).orElse(Map.of());
    }

    private <T> T locked(Function<Router, T> action) {
        return inLock(() -> action.apply(router));
    }

    private <T> T inLock(Supplier<T> action) {
        if (!lock.tryLock()) {
            long start = System.nanoTime();
            lock.lock();
            lockWait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } else {
            lockWait.record(0, TimeUnit.NANOSECONDS);
        }
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
