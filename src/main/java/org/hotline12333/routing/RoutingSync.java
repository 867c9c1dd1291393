package org.hotline12333.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Brings the router in step with the database: at start, after every configuration change, and every
 * {@code hotline.routing.sync-interval} ({@link RoutingTimers}) for what other instances did. It also frees what a
 * dead instance left behind: reservations never used, wrap-ups whose timer died with it.
 */
@Component
class RoutingSync implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RoutingSync.class);

    private final AgentStore store;
    private final RoutingEngine engine;
    private final LockedRouter router;
    private final WrapUps wrapUps;
    private final RoutingProperties properties;
    private final Clock clock;
    private volatile long configVersion = -1;

    RoutingSync(AgentStore store, RoutingEngine engine, WrapUps wrapUps, Clock clock) {
        this.store = store;
        this.engine = engine;
        this.router = engine.router();
        this.wrapUps = wrapUps;
        this.properties = engine.properties();
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        sync();
    }

    /**
     * Re-reads configuration (when it changed) and every agent's state. One re-read at a time, so none lands after a
     * newer one; the agents are read before their skills, so every agent read has the skills they were added with.
     */
    synchronized void sync() {
        try {
            long changesBefore = router.agentChanges();
            long version = store.configVersion();
            List<AgentStore.AgentRow> rows = store.agents();
            Map<String, Map<String, Integer>> skills = store.skillsNow(clock.instant()); // skill moves laid over
            if (version != configVersion) {
                router.configure(new RoutingConfig(store.groups(), store.posts()));
                configVersion = version;
            }
            // only agents whose row changed are re-indexed: with thousands of agents, re-indexing them all every
            // sync held the router's lock long enough to stall callers being routed
            List<Router.Assignment> missed = new ArrayList<>();
            List<AgentStore.AgentRow> changed = router.agentsRead(rows, skills, changesBefore, missed);
            Instant now = clock.instant();
            missed.forEach(engine::deliver);
            changed.forEach(engine::apply);
            Duration longestWrapUp = router.config().longestWrapUp();
            for (AgentStore.AgentRow row : rows) {
                if (row.state() == AgentState.WRAP_UP) {
                    wrapUps.untilIfNone(row.workNumber(), row.stateSince().plus(longestWrapUp));
                }
                if (row.state() == AgentState.RESERVED && row.stateSince().plus(staleReservation()).isBefore(now)) {
                    engine.change(row.workNumber(), AgentStore.Transition.move(Set.of(AgentState.RESERVED),
                            AgentState.READY, "reservation never used: released"));
                }
            }
        } catch (RuntimeException e) {
            log.error("Could not re-read agents from the database; trying again in {}", properties.syncInterval(), e);
        }
    }

    /** A reservation is used within a ring timeout; one much older was left by an instance that died. */
    private Duration staleReservation() {
        Duration longest = properties.ringTimeout().compareTo(properties.callbackRingTimeout()) > 0
                ? properties.ringTimeout() : properties.callbackRingTimeout();
        return longest.multipliedBy(4).plusSeconds(60);
    }
}
