package org.hotline12333.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline12333.call.CallRecords;
import org.hotline12333.telephony.CallInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link Router} in step with agents' stored states and hands its decisions out. Every agent state change
 * goes through {@link #change}: stored (conditionally, see {@link AgentStore}), applied to the router, published; an
 * agent who becomes available is at once matched with the caller they should take. A decision is only final once
 * the agent is claimed in the database; if another instance claimed them first, the caller goes back to their
 * place and the next agent is tried.
 *
 * <p>Around it: {@link LockedRouter} (the router behind its lock), {@link Waiters} (the callers' threads),
 * {@link WrapUps}, {@link RoutingSync} (what other instances did), {@link RoutingTimers} and {@link AgentClaims}.
 */
@Component
class RoutingEngine {

    private static final Logger log = LoggerFactory.getLogger(RoutingEngine.class);

    private final AgentStore store;
    private final RoutingProperties properties;
    private final DialStrings dialStrings;
    private final ApplicationEventPublisher events;
    private final CallRecords records;
    private final Clock clock;
    private final LockedRouter router;
    private final Waiters waiters;
    private final WrapUps wrapUps;
    private final Map<String, Object> agentLocks = new ConcurrentHashMap<>();
    private final Map<String, String> agentsByEndpoint = new ConcurrentHashMap<>();

    RoutingEngine(AgentStore store, RoutingProperties properties, DialStrings dialStrings,
                  ApplicationEventPublisher events, CallRecords records, Clock clock, LockedRouter router,
                  Waiters waiters, WrapUps wrapUps) {
        this.store = store;
        this.properties = properties;
        this.dialStrings = dialStrings;
        this.events = events;
        this.records = records;
        this.clock = clock;
        this.router = router;
        this.waiters = waiters;
        this.wrapUps = wrapUps;
    }

    DialStrings dialStrings() {
        return dialStrings;
    }

    Clock clock() {
        return clock;
    }

    RoutingProperties properties() {
        return properties;
    }

    LockedRouter router() {
        return router;
    }

    /** Skill groups and posts; read without a lock. */
    RoutingConfig config() {
        return router.config();
    }

    String instance() {
        return records.instanceName();
    }

    // ------------------------------------------------------------------ agent states

    /** Stores a state change, applies it to the router, publishes it, and lets the agent take a waiting caller. */
    Optional<AgentStore.Changed> change(String workNumber, AgentStore.Transition transition) {
        return change(workNumber, transition, null);
    }

    /** Wrap-up after a call: the agent is READY again {@code wrapUp} after {@code from}, or when they say so. */
    void startWrapUp(String workNumber, AgentStore.Transition toWrapUp, Instant from, Duration wrapUp) {
        change(workNumber, toWrapUp, from.plus(wrapUp));
    }

    private Optional<AgentStore.Changed> change(String workNumber, AgentStore.Transition transition,
                                                Instant wrapUpUntil) {
        Optional<AgentStore.Changed> changed;
        // one agent's changes are published in the order they were stored, even when two threads change them
        // (wrap-up ending on the timer while the agent pauses at the desk): the live floor shows the last one. The
        // wrap-up timer follows them in that order too: a change stored before the wrap-up never cancels its timer.
        // The timer is set before the change is published, so whoever hears of a wrap-up can read when it ends
        synchronized (agentLocks.computeIfAbsent(workNumber, k -> new Object())) {
            changed = store.transition(workNumber, transition, clock.instant(), instance());
            changed.ifPresent(c -> {
                if (c.agent().state() != AgentState.WRAP_UP) {
                    wrapUps.cancel(workNumber);
                } else if (wrapUpUntil != null) {
                    wrapUps.until(workNumber, wrapUpUntil);
                }
                events.publishEvent(c.event());
            });
        }
        changed.ifPresent(c -> apply(c.agent()));
        return changed;
    }

    /** Applies a stored agent row to the router and dispatches if the agent became available. */
    void apply(AgentStore.AgentRow row) {
        agentsByEndpoint.put(Waiters.channelKey(row.node(), row.endpoint()), row.workNumber());
        router.agentChanged(row).ifPresent(this::deliver);
    }

    /** Re-reads one agent from the database, e.g. after losing a claim on them. */
    void refresh(String workNumber) {
        Optional<AgentStore.AgentRow> row = store.agent(workNumber);
        router.reload(workNumber, row);
        row.ifPresent(this::apply);
    }

    /** Whether some agent uses this phone: lets AMI device events of other phones and trunks pass by cheaply. */
    boolean isAgentPhone(String node, String endpoint) {
        return agentsByEndpoint.containsKey(Waiters.channelKey(node, endpoint));
    }

    /**
     * Logs out an agent who was claimed but whose phone cannot be dialled (stored before phones were checked, say):
     * they are not offered again until an administrator gives them a phone that is accepted.
     */
    void setAside(String workNumber, String why) {
        log.error("Agent {} cannot be dialled and is logged out: {}", workNumber, why);
        if (change(workNumber, AgentStore.Transition.move(Set.of(AgentState.RESERVED), AgentState.LOGGED_OUT,
                "phone refused: " + why)).isEmpty()) {
            refresh(workNumber);
        }
    }

    /** Puts an agent who was claimed but never rung back to READY. */
    void release(String workNumber, String why) {
        if (change(workNumber, AgentStore.Transition.move(Set.of(AgentState.RESERVED), AgentState.READY, why))
                .isEmpty()) {
            refresh(workNumber);
        }
    }

    // ------------------------------------------------------------------ callers

    /**
     * A caller starts waiting (published as {@link CallQueued}); an agent may be handed to them at once, which
     * {@link Waiter#queuedOnArrival} then says.
     *
     * @param firstAsker   the agent to offer them to first, or null
     * @param transferFrom the agent who transferred them to {@code firstAsker}, or null
     */
    Waiter enqueue(CallInfo call, RouteRequest request, String firstAsker, Instant queuedAt, String transferFrom) {
        Waiter waiter = new Waiter(call, request, queuedAt);
        waiters.add(waiter);
        Instant now = clock.instant();
        QueuedCaller caller = QueuedCaller.of(call.callId(), call.node(), request.skillGroup(), request.post(),
                request.priority(), queuedAt);
        if (transferFrom != null) {
            caller = caller.transferredTo(firstAsker, now.plus(properties.ringTimeout()));
        } else if (firstAsker != null) {
            caller = caller.firstAsker(firstAsker, now.plus(properties.firstAskerWait()));
        }
        events.publishEvent(new CallQueued(call.callId(), request.skillGroup(), request.post(), request.priority(),
                queuedAt, transferFrom, now));
        Optional<Router.Assignment> assignment = router.arrive(caller, now);
        waiter.queuedOnArrival = assignment.isEmpty();
        assignment.ifPresent(this::deliver);
        return waiter;
    }

    /** The caller's agent did not answer: back to their place, and the next agent. */
    void requeue(Waiter waiter) {
        router.requeue(waiter.call.callId()).ifPresent(this::deliver);
    }

    /** The caller is done with routing (connected and finished, gone, called back later). */
    void leave(Waiter waiter) {
        router.leave(waiter.call.callId());
        waiters.remove(waiter);
        Router.Assignment untaken = waiter.close();
        if (untaken != null) {
            release(untaken.workNumber(), "caller left before the agent was rung");
        }
    }

    /** Claims the assigned agent in the database and hands them to the caller's thread. */
    void deliver(Router.Assignment assignment) {
        Waiter waiter = waiters.ofCall(assignment.callId());
        String agent = assignment.workNumber();
        if (waiter == null || waiter.goneBy() != null) {
            router.release(agent);
            refresh(agent);
            return;
        }
        Optional<AgentStore.Changed> claimed = change(agent,
                AgentStore.Transition.claim(assignment.callId(), "offered: " + assignment.reason()));
        if (claimed.isEmpty()) {
            log.debug("Agent {} was taken elsewhere; next agent for call {}", agent, assignment.callId());
            refresh(agent);
            requeue(waiter);
            return;
        }
        if (!waiter.offer(assignment)) {
            release(agent, "caller left before the agent was rung");
        }
    }
}
