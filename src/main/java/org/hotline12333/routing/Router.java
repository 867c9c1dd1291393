package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The routing decisions, in memory and single-threaded (the caller holds a lock): which READY agent takes an
 * arriving caller, and which waiting caller an agent who becomes ready takes. Every decision is a few map and
 * tree look-ups, so it takes microseconds with thousands of agents and callers.
 *
 * <p>An agent chosen here is only held: the engine then claims them in the database, which may fail when another
 * instance got there first; then the caller goes back to their place ({@link #requeue}).
 *
 * <p>Callers are ordered by a key: the time they started waiting, minus a head start per green-channel priority
 * level. A priority caller therefore goes before normal callers who have waited less than the head start, but never
 * before one who has waited longer: that bound is the starvation guard.
 */
final class Router {

    private final RoutingProperties.Strategy strategy;
    private final long headStartMillis;
    private final int maxPriority;
    private final BiPredicate<String, String> nodesConnected;
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, GroupConfig> groups = new HashMap<>();
    private final Map<String, PostConfig> posts = new HashMap<>();
    private final Map<String, List<PostConfig>> postsByAgent = new HashMap<>();
    private final Map<String, Set<Agent>> members = new HashMap<>();
    private final Map<String, NavigableSet<Member>> ready = new HashMap<>();
    private final Map<String, NavigableSet<Waiting>> waitingByGroup = new HashMap<>();
    private final Map<String, NavigableSet<Waiting>> waitingByPost = new HashMap<>();
    private final Map<String, NavigableSet<Waiting>> waitingForAgent = new HashMap<>();
    private final Map<String, Waiting> waiting = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Map<String, Double> handleSeconds = new HashMap<>();
    private long sequence;

    /** @param nodesConnected whether a caller on the first node can be put through to an agent on the second */
    Router(RoutingProperties.Strategy strategy, Duration priorityHeadStart, int maxPriority,
           BiPredicate<String, String> nodesConnected) {
        this.strategy = strategy;
        this.headStartMillis = priorityHeadStart.toMillis();
        this.maxPriority = maxPriority;
        this.nodesConnected = nodesConnected;
    }

    // ------------------------------------------------------------------ configuration and agent states

    void putGroup(GroupConfig group) {
        groups.put(group.code(), group);
    }

    void putPost(PostConfig post) {
        posts.put(post.code(), post);
        postsByAgent.clear();
        for (PostConfig each : posts.values()) {
            for (String agent : new String[] {each.a(), each.b()}) {
                if (agent != null) {
                    postsByAgent.computeIfAbsent(agent, a -> new ArrayList<>()).add(each);
                }
            }
        }
    }

    void clearConfiguration() {
        groups.clear();
        posts.clear();
        postsByAgent.clear();
    }

    boolean hasGroup(String code) {
        return groups.containsKey(code);
    }

    boolean hasPost(String code) {
        return posts.containsKey(code);
    }

    GroupConfig group(String code) {
        return groups.get(code);
    }

    PostConfig post(String code) {
        return posts.get(code);
    }

    /**
     * Adds or updates an agent. A snapshot older than what is known (lower version) is ignored, unless it changes
     * the configuration (skills, endpoint).
     */
    void putAgent(AgentSnapshot snapshot) {
        Agent agent = agents.get(snapshot.workNumber());
        if (agent == null) {
            agent = new Agent(snapshot.workNumber());
            agents.put(agent.workNumber, agent);
        } else if (snapshot.version() < agent.version && snapshot.skills().equals(agent.skills)) {
            return;
        }
        unindex(agent);
        agent.node = snapshot.node();
        agent.endpoint = snapshot.endpoint();
        agent.skills = Map.copyOf(snapshot.skills());
        if (snapshot.version() >= agent.version) {
            agent.state = snapshot.state();
            agent.pauseReason = snapshot.pauseReason();
            agent.readySince = snapshot.readySince() == null ? Instant.EPOCH : snapshot.readySince();
            agent.reachable = snapshot.reachable();
            if (snapshot.version() > agent.version) {
                agent.held = false;
            }
            agent.version = snapshot.version();
        }
        index(agent);
    }

    void removeAgent(String workNumber) {
        Agent agent = agents.remove(workNumber);
        if (agent != null) {
            unindex(agent);
        }
    }

    Optional<AgentSnapshot> agent(String workNumber) {
        return Optional.ofNullable(agents.get(workNumber)).map(Agent::snapshot);
    }

    Set<String> agentNumbers() {
        return Set.copyOf(agents.keySet());
    }

    /** Lets an agent held for a failed claim be chosen again (their state comes from the next snapshot). */
    void release(String workNumber) {
        Agent agent = agents.get(workNumber);
        if (agent != null && agent.held) {
            agent.held = false;
            index(agent);
        }
    }

    private void index(Agent agent) {
        for (Map.Entry<String, Integer> skill : agent.skills.entrySet()) {
            members.computeIfAbsent(skill.getKey(), g -> new LinkedHashSet<>()).add(agent);
            if (agent.available()) {
                ready.computeIfAbsent(skill.getKey(), g -> new TreeSet<>(memberOrder()))
                        .add(new Member(agent, skill.getValue(), agent.readySince));
            }
        }
    }

    private void unindex(Agent agent) {
        for (Map.Entry<String, Integer> skill : agent.skills.entrySet()) {
            Set<Agent> groupMembers = members.get(skill.getKey());
            if (groupMembers != null) {
                groupMembers.remove(agent);
            }
            NavigableSet<Member> readyMembers = ready.get(skill.getKey());
            if (readyMembers != null) {
                readyMembers.remove(new Member(agent, skill.getValue(), agent.readySince));
            }
        }
    }

    private Comparator<Member> memberOrder() {
        Comparator<Member> idle = Comparator.comparing(Member::readySince)
                .thenComparing(m -> m.agent().workNumber);
        return strategy == RoutingProperties.Strategy.LONGEST_IDLE ? idle
                : Comparator.comparingInt(Member::level).reversed().thenComparing(idle);
    }

    // ------------------------------------------------------------------ callers

    /**
     * A caller starts waiting: returns the agent to put them through to now, or nothing (they wait in the queue,
     * or for their first-asker agent).
     */
    Optional<Assignment> arrive(Waiting caller, Instant now) {
        caller.sequence = ++sequence;
        caller.key = caller.since.toEpochMilli() - Math.min(Math.max(caller.priority, 0), maxPriority) * headStartMillis;
        caller.groups.add(caller.group);
        waiting.put(caller.callId, caller);
        GroupConfig group = groups.get(caller.group);
        if (group != null && group.overflowAfter() != null && !group.overflowGroups().isEmpty()) {
            timers.add(new Timer(caller.since.plus(group.overflowAfter()), ++sequence, caller, TimerKind.OVERFLOW));
        }
        if (caller.firstAsker != null) {
            Agent preferred = agents.get(caller.firstAsker);
            if (preferred != null && !preferred.skills.containsKey(caller.group) && !caller.transferred) {
                preferred = null; // the agent who talked to them last does not serve this line of business
            }
            if (preferred != null && preferred.available() && reaches(caller, preferred)) {
                return Optional.of(assign(caller, preferred, ChosenBy.FIRST_ASKER,
                        "first-asker: talked to this caller last"));
            }
            if (preferred != null && preferred.state.loggedIn() && preferred.reachable && reaches(caller, preferred)
                    && caller.firstAskerUntil != null && now.isBefore(caller.firstAskerUntil)) {
                caller.heldForFirstAsker = true;
                waitingForAgent.computeIfAbsent(preferred.workNumber, a -> new TreeSet<>()).add(caller);
                timers.add(new Timer(caller.firstAskerUntil, ++sequence, caller, TimerKind.FIRST_ASKER_END));
                return Optional.empty();
            }
        }
        return decideAndQueue(caller);
    }

    /** A caller no longer waits (connected, gone, or called back later). */
    void leave(String callId) {
        Waiting caller = waiting.remove(callId);
        if (caller != null) {
            unqueue(caller);
        }
    }

    /**
     * Puts a caller whose agent did not answer (or could not be claimed) back in their place: same key, so at the
     * head if they were there, and tries the next agent.
     */
    Optional<Assignment> requeue(String callId) {
        Waiting caller = waiting.get(callId);
        if (caller == null) {
            return Optional.empty();
        }
        caller.heldForFirstAsker = false;
        return decideAndQueue(caller);
    }

    /** An agent may have become available: the waiting caller they should take now, if any. */
    Optional<Assignment> agentAvailable(String workNumber) {
        Agent agent = agents.get(workNumber);
        if (agent == null || !agent.available()) {
            return Optional.empty();
        }
        NavigableSet<Waiting> personal = waitingForAgent.get(workNumber);
        if (personal != null) {
            for (Waiting caller : personal) {
                if (reaches(caller, agent)) {
                    return Optional.of(assign(caller, agent, ChosenBy.FIRST_ASKER,
                            "first-asker: talked to this caller last"));
                }
            }
        }
        Candidate best = null;
        for (PostConfig post : postsByAgent.getOrDefault(workNumber, List.of())) {
            boolean isA = workNumber.equals(post.a());
            boolean isB = workNumber.equals(post.b());
            if (isA || isB) {
                Waiting head = firstReaching(waitingByPost.get(post.code()), agent);
                if (head != null && (best == null || head.compareTo(best.caller) < 0)) {
                    best = isA ? new Candidate(head, ChosenBy.POST_A, "A ready")
                            : new Candidate(head, ChosenBy.POST_B, "B covering A (A " + describe(post.a()) + ")");
                }
            }
        }
        for (String group : agent.skills.keySet()) {
            Waiting head = firstReaching(waitingByGroup.get(group), agent);
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
        while (!timers.isEmpty() && !timers.peek().at().isAfter(now)) {
            Timer timer = timers.poll();
            Waiting caller = timer.caller();
            if (waiting.get(caller.callId) != caller) {
                continue;
            }
            if (timer.kind() == TimerKind.OVERFLOW) {
                caller.groups.addAll(groups.get(caller.group).overflowGroups());
                if (caller.queued) {
                    decideAndQueue(caller).ifPresent(assignments::add);
                }
            } else if (caller.heldForFirstAsker) {
                caller.heldForFirstAsker = false;
                removeFrom(waitingForAgent, caller.firstAsker, caller);
                decideAndQueue(caller).ifPresent(assignments::add);
            }
        }
        return assignments;
    }

    private Optional<Assignment> decideAndQueue(Waiting caller) {
        unqueue(caller);
        String postNote = null;
        PostConfig post = caller.post == null ? null : posts.get(caller.post);
        if (post != null) {
            Agent a = agents.get(post.a());
            Agent b = agents.get(post.b());
            if (a != null && a.available() && reaches(caller, a)) {
                return Optional.of(assign(caller, a, ChosenBy.POST_A, "A ready"));
            }
            if (b != null && b.available() && reaches(caller, b)) {
                return Optional.of(assign(caller, b, ChosenBy.POST_B, "B covering A (A " + describe(post.a()) + ")"));
            }
            postNote = "A " + describe(post.a()) + ", B " + describe(post.b());
        }
        for (String group : caller.groups) {
            Member best = bestReady(group, caller);
            if (best != null) {
                boolean own = group.equals(caller.group);
                String reason = own ? "group " + group : "overflow from " + caller.group + " to " + group;
                return Optional.of(assign(caller, best.agent(), own ? ChosenBy.GROUP : ChosenBy.OVERFLOW,
                        postNote == null ? reason : reason + " (" + postNote + ")"));
            }
        }
        caller.queued = true;
        for (String group : caller.groups) {
            waitingByGroup.computeIfAbsent(group, g -> new TreeSet<>()).add(caller);
        }
        if (post != null) {
            waitingByPost.computeIfAbsent(post.code(), p -> new TreeSet<>()).add(caller);
        }
        return Optional.empty();
    }

    private Member bestReady(String group, Waiting caller) {
        NavigableSet<Member> candidates = ready.get(group);
        if (candidates == null) {
            return null;
        }
        for (Member member : candidates) {
            if (reaches(caller, member.agent())) {
                return member;
            }
        }
        return null;
    }

    private Waiting firstReaching(NavigableSet<Waiting> queue, Agent agent) {
        if (queue == null) {
            return null;
        }
        for (Waiting caller : queue) {
            if (reaches(caller, agent)) {
                return caller;
            }
        }
        return null;
    }

    private boolean reaches(Waiting caller, Agent agent) {
        return caller.node == null || caller.node.equals(agent.node) || nodesConnected.test(caller.node, agent.node);
    }

    private Assignment assign(Waiting caller, Agent agent, ChosenBy by, String reason) {
        unqueue(caller);
        unindex(agent);
        agent.held = true;
        index(agent);
        return new Assignment(caller.callId, agent.workNumber, by, reason);
    }

    private void unqueue(Waiting caller) {
        if (caller.queued) {
            for (String group : caller.groups) {
                removeFrom(waitingByGroup, group, caller);
            }
            if (caller.post != null) {
                removeFrom(waitingByPost, caller.post, caller);
            }
            caller.queued = false;
        }
        if (caller.heldForFirstAsker) {
            removeFrom(waitingForAgent, caller.firstAsker, caller);
            caller.heldForFirstAsker = false;
        }
    }

    private static void removeFrom(Map<String, NavigableSet<Waiting>> queues, String key, Waiting caller) {
        NavigableSet<Waiting> queue = queues.get(key);
        if (queue != null) {
            queue.remove(caller);
            if (queue.isEmpty()) {
                queues.remove(key);
            }
        }
    }

    private String describe(String workNumber) {
        Agent agent = workNumber == null ? null : agents.get(workNumber);
        if (agent == null) {
            return "not assigned";
        }
        if (!agent.reachable) {
            return "unreachable";
        }
        return switch (agent.state) {
            case PAUSED -> "paused: " + (agent.pauseReason == null ? "break" : agent.pauseReason.words());
            case LOGGED_OUT -> "logged out";
            case RESERVED, ON_CALL -> "on a call";
            case WRAP_UP -> "in wrap-up";
            case READY -> agent.held ? "on a call" : "ready";
        };
    }

    // ------------------------------------------------------------------ what waiting callers are told

    /** The caller's place among those waiting for the same group: 1 is next. 0 when not queued. */
    int position(String callId) {
        Waiting caller = waiting.get(callId);
        if (caller == null) {
            return 0;
        }
        if (caller.heldForFirstAsker) {
            return 1;
        }
        NavigableSet<Waiting> queue = waitingByGroup.get(caller.group);
        return queue == null || !queue.contains(caller) ? 1 : queue.headSet(caller, false).size() + 1;
    }

    /**
     * An honest estimate of the wait: the callers up to this one shared among the agents serving the group (logged
     * in, not paused), each taking the group's recent average handle time.
     */
    Duration estimatedWait(String callId, Duration defaultHandleTime) {
        Waiting caller = waiting.get(callId);
        if (caller == null) {
            return Duration.ZERO;
        }
        int serving = 0;
        for (Agent agent : members.getOrDefault(caller.group, Set.of())) {
            if (agent.state.loggedIn() && agent.state != AgentState.PAUSED && agent.reachable) {
                serving++;
            }
        }
        double handle = handleSeconds.getOrDefault(caller.group, (double) defaultHandleTime.toSeconds());
        long rounds = (position(callId) + Math.max(serving, 1) - 1) / Math.max(serving, 1);
        return Duration.ofSeconds(Math.round(rounds * handle));
    }

    /** Feeds the wait estimate: a moving average of the group's handle times. */
    void handled(String group, Duration handleTime) {
        handleSeconds.merge(group, (double) handleTime.toSeconds(), (old, now) -> old * 0.9 + now * 0.1);
    }

    /** Whether anyone could ever answer this caller: a logged-in, reachable agent in their groups or post. */
    boolean anyoneFor(String group, String post) {
        List<String> candidates = new ArrayList<>();
        candidates.add(group);
        GroupConfig config = groups.get(group);
        if (config != null && config.overflowAfter() != null) {
            candidates.addAll(config.overflowGroups());
        }
        for (String code : candidates) {
            for (Agent agent : members.getOrDefault(code, Set.of())) {
                if (agent.state.loggedIn() && agent.reachable) {
                    return true;
                }
            }
        }
        PostConfig postConfig = post == null ? null : posts.get(post);
        if (postConfig != null) {
            for (String workNumber : new String[] {postConfig.a(), postConfig.b()}) {
                Agent agent = workNumber == null ? null : agents.get(workNumber);
                if (agent != null && agent.state.loggedIn() && agent.reachable) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean anyWaitingFor(String group) {
        NavigableSet<Waiting> queue = waitingByGroup.get(group);
        return queue != null && !queue.isEmpty();
    }

    int waitingCount() {
        return waiting.size();
    }

    List<String> waitingCallIds() {
        return List.copyOf(waiting.keySet());
    }

    // ------------------------------------------------------------------ types

    /** What the router knows of an agent. */
    record AgentSnapshot(String workNumber, String node, String endpoint, AgentState state, PauseReason pauseReason,
                         Instant readySince, boolean reachable, long version, Map<String, Integer> skills) {
    }

    record GroupConfig(String code, String name, Duration wrapUp, Duration overflowAfter, List<String> overflowGroups) {
    }

    record PostConfig(String code, String name, String group, String a, String b) {
    }

    /** Put this caller through to this agent; why, in a code and in words. */
    record Assignment(String callId, String workNumber, ChosenBy chosenBy, String reason) {
    }

    /** A caller waiting; fields other than the constructor's belong to the router. */
    static final class Waiting implements Comparable<Waiting> {
        final String callId;
        final String node;
        final String group;
        final String post;
        final int priority;
        final Instant since;
        final String firstAsker;
        final Instant firstAskerUntil;
        final Set<String> groups = new LinkedHashSet<>();
        long key;
        long sequence;
        boolean queued;
        boolean heldForFirstAsker;
        /** A transfer to a named agent: that agent is waited for whatever their skills. */
        boolean transferred;

        Waiting(String callId, String node, String group, String post, int priority, Instant since,
                String firstAsker, Instant firstAskerUntil) {
            this.callId = callId;
            this.node = node;
            this.group = group;
            this.post = post;
            this.priority = priority;
            this.since = since;
            this.firstAsker = firstAsker;
            this.firstAskerUntil = firstAskerUntil;
        }

        @Override
        public int compareTo(Waiting other) {
            int byKey = Long.compare(key, other.key);
            return byKey != 0 ? byKey : Long.compare(sequence, other.sequence);
        }
    }

    private static final class Agent {
        final String workNumber;
        String node;
        String endpoint;
        AgentState state = AgentState.LOGGED_OUT;
        PauseReason pauseReason;
        Instant readySince = Instant.EPOCH;
        boolean reachable = true;
        boolean held;
        long version = -1;
        Map<String, Integer> skills = Map.of();

        Agent(String workNumber) {
            this.workNumber = workNumber;
        }

        boolean available() {
            return state == AgentState.READY && reachable && !held;
        }

        AgentSnapshot snapshot() {
            return new AgentSnapshot(workNumber, node, endpoint, held ? AgentState.RESERVED : state, pauseReason,
                    readySince, reachable, version, skills);
        }
    }

    private record Member(Agent agent, int level, Instant readySince) {
    }

    private record Candidate(Waiting caller, ChosenBy by, String reason) {
    }

    private enum TimerKind { OVERFLOW, FIRST_ASKER_END }

    private record Timer(Instant at, long sequence, Waiting caller, TimerKind kind) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
