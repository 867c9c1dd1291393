package org.hotline12333.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline12333.StartStopOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Routing's one timer thread. Every {@code hotline.routing.tick}: the router's timers (overflow, the end of a
 * first-asker wait), wrap-ups that are over, callbacks' rings Asterisk said nothing about, and callbacks that are
 * due; every {@code hotline.routing.sync-interval}: {@link RoutingSync}. Times are read from the service's clock, so a
 * test that moves the clock moves them too.
 */
@Component
class RoutingTimers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutingTimers.class);

    private final RoutingEngine engine;
    private final WrapUps wrapUps;
    private final Callbacks callbacks;
    private final CallbackRings callbackRings;
    private final RoutingSync sync;
    private final RoutingProperties properties;
    private final Clock clock;
    private volatile ScheduledExecutorService scheduler;

    RoutingTimers(RoutingEngine engine, WrapUps wrapUps, Callbacks callbacks, CallbackRings callbackRings,
                  RoutingSync sync, Clock clock) {
        this.engine = engine;
        this.wrapUps = wrapUps;
        this.callbacks = callbacks;
        this.callbackRings = callbackRings;
        this.sync = sync;
        this.properties = engine.properties();
        this.clock = clock;
    }

    /** What is due now; run by the timer thread, and by tests that moved the clock and do not want to wait for it. */
    void tick() {
        try {
            Instant now = clock.instant();
            engine.router().tick(now).forEach(engine::deliver);
            for (String agent : wrapUps.due(now)) {
                engine.change(agent, AgentStore.Transition.move(Set.of(AgentState.WRAP_UP), AgentState.READY,
                        "wrap-up time over"));
            }
            callbackRings.endUnheard(now);
            callbacks.dialDue();
        } catch (RuntimeException e) {
            log.error("Routing timers failed; trying again at the next tick", e);
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "routing-timers");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(1, properties.tick().toMillis());
        scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        long every = Math.max(1, properties.syncInterval().toMillis());
        scheduler.scheduleWithFixedDelay(sync::sync, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.ROUTING_TIMERS;
    }
}
