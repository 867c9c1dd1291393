package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The routing decisions, in memory and single-threaded (the caller holds a lock, see {@link LockedRouter}): which
 * READY agent takes an arriving caller, and which waiting caller an agent who becomes ready takes. Every decision
 * is a few map and tree look-ups in the {@link AgentIndex} and the {@link WaitingQueues}, so it takes microseconds
 * with thousands of agents and callers.
 *
 * <p>An agent chosen here is only held: the engine then claims them in the database, which may fail when another
 * instance got there first; then the caller goes back to their place ({@link #requeue}).
 *
 * <p>Callers are ordered by a key: the time they started waiting, minus a head start per green-channel priority
 * level. A priority caller therefore goes before normal callers who have waited less than the head start, but never
 * before one who has waited longer: that bound is the starvation guard.
 */
final class Router {

    private static final String FIRST_ASKER = "first-asker: talked to this caller last";

    private final long headStartMillis;
    private final int maxPriority;
    private final BiPredicate<String, String> nodesConnected;
    private final AgentIndex agents;
    private final WaitingQueues waiting = new WaitingQueues();
    private final RouterTimers timers = new RouterTimers();
    private final HandleTimes handleTimes = new HandleTimes();
    private RoutingConfig config = RoutingConfig.EMPTY;
    private long sequence;

    /** @param nodesConnected whether a caller on the first node can be put through to an agent on the second */
    Router(RoutingProperties.Strategy strategy, Duration priorityHeadStart, int maxPriority,
           BiPredicate<String, String> nodesConnected) {
        this.agents = new AgentIndex(strategy);
        this.headStartMillis = priorityHeadStart.toMillis();
        this.maxPriority = maxPriority;
        this.nodesConnected = nodesConnected;
    }

    /** Put this caller through to this agent; why, in a code and in words. */
    record Assignment(String callId, String workNumber, ChosenBy chosenBy, String reason) {
    }

    // ------------------------------------------------------------------ configuration and agents

    void configure(RoutingConfig config) {
        this.config = config;
    }

    /** See {@link AgentIndex#put}. */
    void putAgent(AgentSnapshot snapshot) {
        agents.put(snapshot);
    }

    void removeAgent(String workNumber) {
        agents.remove(workNumber);
    }

    Optional<AgentSnapshot> agent(String workNumber) {
        return agents.snapshot(workNumber);
    }

    Set<String> agentNumbers() {
        return agents.workNumbers();
    }

    /** Lets an agent held for a failed claim be chosen again (their state comes from the next snapshot). */
    void release(String workNumber) {
        agents.release(workNumber);
    }

    // ------------------------------------------------------------------ callers

    /**
     * A caller starts waiting: returns the agent to put them through to now, or nothing (they wait in the queue,
     * or for their first-asker agent).
     */
    Optional<Assignment> arrive(QueuedCaller caller, Instant now) {
        caller.sequence = ++sequence;
        caller.key = caller.since.toEpochMilli() - Math.min(Math.max(caller.priority, 0), maxPriority) * headStartMillis;
        caller.groups.add(caller.group);
        waiting.add(caller);
        RoutingConfig.Group group = config.group(caller.group);
        if (group != null && group.overflows()) {
            timers.at(caller.since.plus(group.overflowAfter()), caller, RouterTimers.Kind.OVERFLOW);
        }
        if (caller.firstAsker != null) {
            AgentIndex.Agent preferred = agents.get(caller.firstAsker);
            if (preferred != null && !preferred.serves(caller.group) && !caller.transferred) {
                preferred = null; // the agent who talked to them last does not serve this line of business
            }
            if (preferred != null && preferred.available() && reaches(caller, preferred)) {
                return Optional.of(assign(caller, preferred, ChosenBy.FIRST_ASKER, FIRST_ASKER));
            }
            if (preferred != null && preferred.loggedInAndReachable() && reaches(caller, preferred)
                    && caller.firstAskerUntil != null && now.isBefore(caller.firstAskerUntil)) {
                waiting.holdForFirstAsker(caller);
                timers.at(caller.firstAskerUntil, caller, RouterTimers.Kind.FIRST_ASKER_END);
                return Optional.empty();
            }
        }
        return decideAndQueue(caller);
    }

    /** A caller no longer waits (connected, gone, or called back later). */
    void leave(String callId) {
        waiting.remove(callId);
    }

    /**
     * Puts a caller whose agent did not answer (or could not be claimed) back in their place: same key, so at the
     * head if they were there, and tries the next agent.
     */
    Optional<Assignment> requeue(String callId) {
        QueuedCaller caller = waiting.get(callId);
        if (caller == null) {
            return Optional.empty();
        }
        waiting.unqueue(caller);
        return decideAndQueue(caller);
    }

    /** An agent may have become available: the waiting caller they should take now, if any. */
    Optional<Assignment> agentAvailable(String workNumber) {
        AgentIndex.Agent agent = agents.get(workNumber);
        if (agent == null || !agent.available()) {
            return Optional.empty();
        }
        QueuedCaller personal = waiting.firstHeldFor(workNumber, c -> reaches(c, agent));
        if (personal != null) {
            return Optional.of(assign(personal, agent, ChosenBy.FIRST_ASKER, FIRST_ASKER));
        }
        Candidate best = null;
        for (RoutingConfig.Post post : config.postsOf(workNumber)) {
            QueuedCaller head = waiting.firstAtPost(post.code(), c -> reaches(c, agent));
            if (head != null && (best == null || head.compareTo(best.caller) < 0)) {
                best = workNumber.equals(post.a()) ? new Candidate(head, ChosenBy.POST_A, "A ready")
                        : new Candidate(head, ChosenBy.POST_B, coveringA(post));
            }
        }
        for (String group : agent.groups()) {
            QueuedCaller head = waiting.firstInGroup(group, c -> reaches(c, agent));
            if (head != null && (best == null || head.compareTo(best.caller) < 0)) {
                best = group.equals(head.group) ? new Candidate(head, ChosenBy.GROUP, "group " + group)
                        : new Candidate(head, ChosenBy.OVERFLOW, "overflow from " + head.group + " to " + group);
            }
        }
        return best == null ? Optional.empty() : Optional.of(assign(best.caller, agent, best.by, best.reason));
    }

    /** Timers that are due: overflow to other groups, the end of a first-asker wait. */
    List<Assignment> tick(Instant now) {
        List<Assignment> assignments = new ArrayList<>();
        for (RouterTimers.Timer timer : timers.due(now)) {
            QueuedCaller caller = timer.caller();
            if (!waiting.isCurrent(caller)) {
                continue;
            }
            if (timer.kind() == RouterTimers.Kind.OVERFLOW) {
                caller.groups.addAll(config.group(caller.group).overflowGroups());
                if (caller.queued) {
                    waiting.unqueue(caller);
                    decideAndQueue(caller).ifPresent(assignments::add);
                }
            } else if (caller.heldForFirstAsker) {
                waiting.unqueue(caller);
                decideAndQueue(caller).ifPresent(assignments::add);
            }
        }
        return assignments;
    }

    /** The caller, out of every queue: the post's A or B, else the best ready agent of their groups, else queued. */
    private Optional<Assignment> decideAndQueue(QueuedCaller caller) {
        String postNote = null;
        RoutingConfig.Post post = config.post(caller.post);
        if (post != null) {
            AgentIndex.Agent a = agents.get(post.a());
            AgentIndex.Agent b = agents.get(post.b());
            if (a != null && a.available() && reaches(caller, a)) {
                return Optional.of(assign(caller, a, ChosenBy.POST_A, "A ready"));
            }
            if (b != null && b.available() && reaches(caller, b)) {
                return Optional.of(assign(caller, b, ChosenBy.POST_B, coveringA(post)));
            }
            postNote = "A " + agents.describe(post.a()) + ", B " + agents.describe(post.b());
        }
        for (String group : caller.groups) {
            AgentIndex.Agent best = agents.firstReady(group, agent -> reaches(caller, agent));
            if (best != null) {
                boolean own = group.equals(caller.group);
                String reason = own ? "group " + group : "overflow from " + caller.group + " to " + group;
                return Optional.of(assign(caller, best, own ? ChosenBy.GROUP : ChosenBy.OVERFLOW,
                        postNote == null ? reason : reason + " (" + postNote + ")"));
            }
        }
        waiting.queue(caller, post == null ? null : post.code());
        return Optional.empty();
    }

    private String coveringA(RoutingConfig.Post post) {
        return "B covering A (A " + agents.describe(post.a()) + ")";
    }

    private boolean reaches(QueuedCaller caller, AgentIndex.Agent agent) {
        return caller.node == null || caller.node.equals(agent.node())
                || nodesConnected.test(caller.node, agent.node());
    }

    private Assignment assign(QueuedCaller caller, AgentIndex.Agent agent, ChosenBy by, String reason) {
        waiting.unqueue(caller);
        agents.hold(agent);
        return new Assignment(caller.callId, agent.workNumber, by, reason);
    }

    // ------------------------------------------------------------------ what waiting callers are told

    /** The caller's place among those waiting for the same group: 1 is next. 0 when not queued. */
    int position(String callId) {
        return waiting.position(callId);
    }

    /**
     * An honest estimate of the wait: the callers up to this one shared among the agents serving the group (logged
     * in, not paused), each taking the group's recent average handle time.
     */
    Duration estimatedWait(String callId, Duration defaultHandleTime) {
        QueuedCaller caller = waiting.get(callId);
        if (caller == null) {
            return Duration.ZERO;
        }
        int serving = Math.max(agents.serving(caller.group), 1);
        long rounds = (position(callId) + serving - 1) / serving;
        return Duration.ofSeconds(Math.round(rounds * handleTimes.averageSeconds(caller.group, defaultHandleTime)));
    }

    /** Feeds the wait estimate: a moving average of the group's handle times. */
    void handled(String group, Duration handleTime) {
        handleTimes.handled(group, handleTime);
    }

    /** Whether anyone could ever answer this caller: a logged-in, reachable agent in their groups or post. */
    boolean anyoneFor(String group, String post) {
        List<String> candidates = new ArrayList<>();
        candidates.add(group);
        RoutingConfig.Group config = this.config.group(group);
        if (config != null && config.overflowAfter() != null) {
            candidates.addAll(config.overflowGroups());
        }
        if (candidates.stream().anyMatch(agents::anyLoggedIn)) {
            return true;
        }
        RoutingConfig.Post postConfig = this.config.post(post);
        if (postConfig != null) {
            for (String workNumber : new String[] {postConfig.a(), postConfig.b()}) {
                AgentIndex.Agent agent = agents.get(workNumber);
                if (agent != null && agent.loggedInAndReachable()) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean anyWaitingFor(String group) {
        return waiting.anyWaitingFor(group);
    }

    int waitingCount() {
        return waiting.count();
    }

    List<String> waitingCallIds() {
        return waiting.callIds();
    }

    private record Candidate(QueuedCaller caller, ChosenBy by, String reason) {
    }
}
