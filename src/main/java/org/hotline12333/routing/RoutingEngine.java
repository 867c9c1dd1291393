package org.hotline12333.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hotline12333.call.CallRecords;
import org.hotline12333.telephony.CallInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link Router} in step with the database and hands its decisions out. Every agent state change goes
 * through {@link #change}: stored (conditionally, see {@link AgentStore}), applied to the router, published; an
 * agent who becomes available is at once matched with the caller they should take. A decision is only final once
 * the agent is claimed in the database; if another instance claimed them first, the caller goes back to their
 * place and the next agent is tried.
 */
@Component
class RoutingEngine implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RoutingEngine.class);
    static final Set<AgentState> ANY_LOGGED_IN = EnumSet.complementOf(EnumSet.of(AgentState.LOGGED_OUT));

    private final AgentStore store;
    private final RoutingProperties properties;
    private final DialStrings dialStrings;
    private final ApplicationEventPublisher events;
    private final CallRecords records;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile Map<String, Router.GroupConfig> groups = Map.of();
    private volatile Map<String, Router.PostConfig> posts = Map.of();
    private final Router router;
    private final Map<String, Object> agentLocks = new ConcurrentHashMap<>();
    private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
    private final Map<String, Waiter> waitersByChannel = new ConcurrentHashMap<>();
    private final Map<String, Instant> wrapUpUntil = new ConcurrentHashMap<>();
    private final Map<String, String> agentsByEndpoint = new ConcurrentHashMap<>();
    private final List<Runnable> tickListeners = new ArrayList<>();
    private volatile long configVersion = -1;
    private volatile Duration longestWrapUp = Duration.ZERO;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;

    RoutingEngine(AgentStore store, RoutingProperties properties, DialStrings dialStrings,
                  ApplicationEventPublisher events, CallRecords records, Optional<Clock> clock) {
        this.store = store;
        this.properties = properties;
        this.dialStrings = dialStrings;
        this.events = events;
        this.records = records;
        this.clock = clock.orElse(Clock.systemUTC());
        this.router = new Router(properties.strategy(), properties.priorityHeadStart(), properties.maxPriority(),
                (callerNode, agentNode) -> properties.remoteDial().containsKey(agentNode));
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

    String instance() {
        return records.instanceName();
    }

    @Override
    public void afterSingletonsInstantiated() {
        sync();
    }

    // ------------------------------------------------------------------ agent states

    /** Stores a state change, applies it to the router, publishes it, and lets the agent take a waiting caller. */
    Optional<AgentStore.Changed> change(String workNumber, AgentStore.Transition transition) {
        Optional<AgentStore.Changed> changed;
        // one agent's changes are published in the order they were stored, even when two threads change them
        // (wrap-up ending on the timer while the agent pauses at the desk): the live floor shows the last one
        synchronized (agentLocks.computeIfAbsent(workNumber, k -> new Object())) {
            changed = store.transition(workNumber, transition, clock.instant(), instance());
            changed.ifPresent(c -> events.publishEvent(c.event()));
        }
        changed.ifPresent(c -> {
            if (c.agent().state() != AgentState.WRAP_UP) {
                wrapUpUntil.remove(workNumber);
            }
            apply(c.agent());
        });
        return changed;
    }

    /** Applies a stored agent row to the router and dispatches if the agent became available. */
    void apply(AgentStore.AgentRow row) {
        agentsByEndpoint.put(channelKey(row.node(), row.endpoint()), row.workNumber());
        Optional<Router.Assignment> next;
        synchronized (lock) {
            Map<String, Integer> skills = router.agent(row.workNumber()).map(Router.AgentSnapshot::skills)
                    .orElse(Map.of());
            router.putAgent(snapshot(row, skills));
            next = router.agentAvailable(row.workNumber());
        }
        next.ifPresent(this::deliver);
    }

    /** Re-reads one agent from the database, e.g. after losing a claim on them. */
    void refresh(String workNumber) {
        Optional<AgentStore.AgentRow> row = store.agent(workNumber);
        synchronized (lock) {
            row.ifPresentOrElse(r -> {
                Map<String, Integer> skills = router.agent(workNumber).map(Router.AgentSnapshot::skills).orElse(Map.of());
                router.putAgent(snapshot(r, skills));
                router.release(workNumber);
            }, () -> router.removeAgent(workNumber));
        }
        row.ifPresent(this::apply);
    }

    /** Whether some agent uses this phone: lets AMI device events of other phones and trunks pass by cheaply. */
    boolean isAgentPhone(String node, String endpoint) {
        return agentsByEndpoint.containsKey(channelKey(node, endpoint));
    }

    Optional<Router.AgentSnapshot> agent(String workNumber) {
        synchronized (lock) {
            return router.agent(workNumber);
        }
    }

    /** The agent stays in wrap-up until then, unless they go ready (or pause) earlier. */
    void wrapUpUntil(String workNumber, Instant until) {
        wrapUpUntil.put(workNumber, until);
    }

    Optional<Instant> wrapUpEnds(String workNumber) {
        return Optional.ofNullable(wrapUpUntil.get(workNumber));
    }

    // ------------------------------------------------------------------ callers

    // configuration is read on every call but changes rarely: a copy readable without the router's lock

    boolean hasGroup(String code) {
        return groups.containsKey(code);
    }

    boolean hasPost(String code) {
        return posts.containsKey(code);
    }

    Router.GroupConfig group(String code) {
        return groups.get(code);
    }

    Router.PostConfig post(String code) {
        return posts.get(code);
    }

    boolean anyoneFor(String group, String post) {
        synchronized (lock) {
            return router.anyoneFor(group, post);
        }
    }

    /** A caller starts waiting (published as {@link CallQueued}); an agent may be handed to them at once. */
    Waiter enqueue(CallInfo call, RouteRequest request, String firstAsker, Instant queuedAt, String transferFrom) {
        Waiter waiter = new Waiter(call, request, queuedAt);
        waiters.put(call.callId(), waiter);
        waitersByChannel.put(channelKey(call.node(), call.uniqueId()), waiter);
        Instant now = clock.instant();
        Router.Waiting entry = new Router.Waiting(call.callId(), call.node(), request.skillGroup(), request.post(),
                request.priority(), queuedAt, firstAsker,
                firstAsker == null ? null : now.plus(transferFrom != null ? properties.ringTimeout() : properties.firstAskerWait()));
        entry.transferred = transferFrom != null;
        events.publishEvent(new CallQueued(call.callId(), request.skillGroup(), request.post(), request.priority(),
                queuedAt, transferFrom, now));
        Optional<Router.Assignment> assignment;
        synchronized (lock) {
            assignment = router.arrive(entry, now);
        }
        assignment.ifPresent(this::deliver);
        return waiter;
    }

    /** The caller's agent did not answer: back to their place, and the next agent. */
    void requeue(Waiter waiter) {
        Optional<Router.Assignment> next;
        synchronized (lock) {
            next = router.requeue(waiter.call.callId());
        }
        next.ifPresent(this::deliver);
    }

    /** The caller is done with routing (connected and finished, gone, called back later). */
    void leave(Waiter waiter) {
        synchronized (lock) {
            router.leave(waiter.call.callId());
        }
        waiters.remove(waiter.call.callId(), waiter);
        waitersByChannel.remove(channelKey(waiter.call.node(), waiter.call.uniqueId()), waiter);
        Router.Assignment untaken = waiter.close();
        if (untaken != null) {
            release(untaken.workNumber(), "caller left before the agent was rung");
        }
    }

    Waiter waiter(String callId) {
        return waiters.get(callId);
    }

    Waiter waiterOnChannel(String node, String uniqueId) {
        return waitersByChannel.get(channelKey(node, uniqueId));
    }

    Waiter waiterOfAgent(String workNumber) {
        return waiters.values().stream().filter(w -> workNumber.equals(w.agent)).findFirst().orElse(null);
    }

    int position(String callId) {
        synchronized (lock) {
            return router.position(callId);
        }
    }

    Duration estimatedWait(String callId) {
        synchronized (lock) {
            return router.estimatedWait(callId, properties.defaultHandleTime());
        }
    }

    void handled(String group, Duration handleTime) {
        synchronized (lock) {
            router.handled(group, handleTime);
        }
    }

    boolean anyWaitingFor(String group) {
        synchronized (lock) {
            return router.anyWaitingFor(group);
        }
    }

    List<String> waitingCallIds() {
        synchronized (lock) {
            return router.waitingCallIds();
        }
    }

    /** Picks and claims the best ready agent of a group for work that is not a waiting caller (a callback). */
    Optional<String> claimFor(String group, String workId, ChosenBy by) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Router.Assignment> pick;
            Router.Waiting pseudo = new Router.Waiting(workId, null, group, null, 0, clock.instant(), null, null);
            synchronized (lock) {
                pick = router.arrive(pseudo, clock.instant());
                router.leave(workId);
            }
            if (pick.isEmpty()) {
                return Optional.empty();
            }
            String agent = pick.get().workNumber();
            if (change(agent, new AgentStore.Transition(Set.of(AgentState.READY), AgentState.RESERVED, null, workId,
                    by.name().toLowerCase() + ": " + pick.get().reason(), true)).isPresent()) {
                return Optional.of(agent);
            }
            refresh(agent);
        }
        return Optional.empty();
    }

    /** Claims one named agent for work that is not a waiting caller, if they are READY now. */
    Optional<String> claimAgent(String workNumber, String workId, ChosenBy by) {
        Optional<String> claimed = change(workNumber, new AgentStore.Transition(Set.of(AgentState.READY),
                AgentState.RESERVED, null, workId, by.name().toLowerCase() + ": for this agent", true))
                .map(c -> workNumber);
        if (claimed.isEmpty()) {
            refresh(workNumber);
        }
        return claimed;
    }

    /**
     * Logs out an agent who was claimed but whose phone cannot be dialled (stored before phones were checked, say):
     * they are not offered again until an administrator gives them a phone that is accepted.
     */
    void setAside(String workNumber, String why) {
        log.error("Agent {} cannot be dialled and is logged out: {}", workNumber, why);
        if (change(workNumber, new AgentStore.Transition(Set.of(AgentState.RESERVED), AgentState.LOGGED_OUT, null, null,
                "phone refused: " + why, false)).isEmpty()) {
            refresh(workNumber);
        }
    }

    /** Puts an agent who was claimed but never rung back to READY. */
    void release(String workNumber, String why) {
        if (change(workNumber, new AgentStore.Transition(Set.of(AgentState.RESERVED), AgentState.READY, null, null,
                why, false)).isEmpty()) {
            refresh(workNumber);
        }
    }

    private void deliver(Router.Assignment assignment) {
        Waiter waiter = waiters.get(assignment.callId());
        String agent = assignment.workNumber();
        if (waiter == null || waiter.goneBy() != null) {
            synchronized (lock) {
                router.release(agent);
            }
            refresh(agent);
            return;
        }
        Optional<AgentStore.Changed> claimed = change(agent, new AgentStore.Transition(Set.of(AgentState.READY),
                AgentState.RESERVED, null, assignment.callId(), "offered: " + assignment.reason(), true));
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

    // ------------------------------------------------------------------ timers and the database

    void onTick(Runnable listener) {
        tickListeners.add(listener);
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            List<Router.Assignment> due;
            synchronized (lock) {
                due = router.tick(now);
            }
            due.forEach(this::deliver);
            wrapUpUntil.forEach((agent, until) -> {
                if (!until.isAfter(now)) {
                    wrapUpUntil.remove(agent, until);
                    change(agent, new AgentStore.Transition(Set.of(AgentState.WRAP_UP), AgentState.READY, null, null,
                            "wrap-up time over", false));
                }
            });
            tickListeners.forEach(Runnable::run);
        } catch (RuntimeException e) {
            log.error("Routing timers failed; trying again at the next tick", e);
        }
    }

    /** Re-reads configuration (when it changed) and every agent's state: what other instances did. */
    void sync() {
        try {
            long version = store.configVersion();
            Map<String, Map<String, Integer>> skills = store.skills();
            List<AgentStore.AgentRow> rows = store.agents();
            if (version != configVersion) {
                List<Router.GroupConfig> groupList = store.groups();
                List<Router.PostConfig> postList = store.posts();
                synchronized (lock) {
                    router.clearConfiguration();
                    groupList.forEach(router::putGroup);
                    postList.forEach(router::putPost);
                }
                groups = groupList.stream().collect(Collectors.toUnmodifiableMap(
                        Router.GroupConfig::code, g -> g));
                posts = postList.stream().collect(Collectors.toUnmodifiableMap(
                        Router.PostConfig::code, p -> p));
                longestWrapUp = groupList.stream().map(Router.GroupConfig::wrapUp).max(Duration::compareTo)
                        .orElse(Duration.ZERO);
                configVersion = version;
            }
            Set<String> known = Set.copyOf(rows.stream().map(AgentStore.AgentRow::workNumber).toList());
            // only agents whose row changed are re-indexed: with thousands of agents, re-indexing them all every
            // sync held the router's lock long enough to stall callers being routed. Unchanged agents are still
            // matched against waiting callers, as a safety net for a pairing missed in a race.
            List<AgentStore.AgentRow> changed = new ArrayList<>();
            List<Router.Assignment> missed = new ArrayList<>();
            synchronized (lock) {
                for (String gone : router.agentNumbers()) {
                    if (!known.contains(gone)) {
                        router.removeAgent(gone);
                    }
                }
                for (AgentStore.AgentRow row : rows) {
                    Router.AgentSnapshot fresh = snapshot(row, skills.getOrDefault(row.workNumber(), Map.of()));
                    if (!fresh.equals(router.agent(row.workNumber()).orElse(null))) {
                        router.putAgent(fresh);
                        changed.add(row);
                    } else {
                        router.agentAvailable(row.workNumber()).ifPresent(missed::add);
                    }
                }
            }
            Instant now = clock.instant();
            missed.forEach(this::deliver);
            changed.forEach(this::apply);
            for (AgentStore.AgentRow row : rows) {
                if (row.state() == AgentState.WRAP_UP && !wrapUpUntil.containsKey(row.workNumber())) {
                    wrapUpUntil.put(row.workNumber(), row.stateSince().plus(longestWrapUp));
                }
                if (row.state() == AgentState.RESERVED && row.stateSince().plus(staleReservation()).isBefore(now)) {
                    change(row.workNumber(), new AgentStore.Transition(Set.of(AgentState.RESERVED), AgentState.READY,
                            null, null, "reservation never used: released", false));
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

    static Router.AgentSnapshot snapshot(AgentStore.AgentRow row, Map<String, Integer> skills) {
        return new Router.AgentSnapshot(row.workNumber(), row.node(), row.endpoint(), row.state(), row.pauseReason(),
                row.readySince(), row.reachable(), row.version(), skills);
    }

    private static String channelKey(String node, String uniqueId) {
        return node + "|" + uniqueId;
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
        long sync = Math.max(1, properties.syncInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::sync, sync, sync, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
