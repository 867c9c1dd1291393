package org.hotline12333.routing;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The agents the router knows, and per skill group the members and those ready now, ready ones in the order they
 * are chosen (by skill level then longest idle, or longest idle alone). Single-threaded, like the router.
 */
final class AgentIndex {

    private final Comparator<Member> order;
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, Set<Agent>> members = new HashMap<>();
    private final Map<String, NavigableSet<Member>> ready = new HashMap<>();

    AgentIndex(RoutingProperties.Strategy strategy) {
        Comparator<Member> idle = Comparator.comparing(Member::readySince).thenComparing(m -> m.agent().workNumber);
        this.order = strategy == RoutingProperties.Strategy.LONGEST_IDLE ? idle
                : Comparator.comparingInt(Member::level).reversed().thenComparing(idle);
    }

    /**
     * Adds or updates an agent. A snapshot older than what is known (lower version) is ignored, unless it changes
     * the configuration (skills, endpoint).
     */
    void put(AgentSnapshot snapshot) {
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

    void remove(String workNumber) {
        Agent agent = agents.remove(workNumber);
        if (agent != null) {
            unindex(agent);
        }
    }

    /** The agent, or null. */
    Agent get(String workNumber) {
        return workNumber == null ? null : agents.get(workNumber);
    }

    Optional<AgentSnapshot> snapshot(String workNumber) {
        return Optional.ofNullable(agents.get(workNumber)).map(Agent::snapshot);
    }

    Set<String> workNumbers() {
        return Set.copyOf(agents.keySet());
    }

    /** Takes the agent out of the ready ones until their next stored change or {@link #release}. */
    void hold(Agent agent) {
        unindex(agent);
        agent.held = true;
        index(agent);
    }

    /** Lets an agent held for a failed claim be chosen again (their state comes from the next snapshot). */
    void release(String workNumber) {
        Agent agent = agents.get(workNumber);
        if (agent != null && agent.held) {
            agent.held = false;
            index(agent);
        }
    }

    /** The first ready agent of the group, in choosing order, who passes the test; null if none. */
    Agent firstReady(String group, Predicate<Agent> passes) {
        for (Member member : ready.getOrDefault(group, Collections.emptyNavigableSet())) {
            if (passes.test(member.agent())) {
                return member.agent();
            }
        }
        return null;
    }

    /** Members of the group who are logged in, reachable and not paused: those the group's callers wait for. */
    int serving(String group) {
        int serving = 0;
        for (Agent agent : members.getOrDefault(group, Set.of())) {
            if (agent.state.loggedIn() && agent.state != AgentState.PAUSED && agent.reachable) {
                serving++;
            }
        }
        return serving;
    }

    /** Whether a member of the group is logged in and reachable. */
    boolean anyLoggedIn(String group) {
        return members.getOrDefault(group, Set.of()).stream().anyMatch(Agent::loggedInAndReachable);
    }

    /** How the agent is, in words for the call record ("paused: meal", "on a call"...). */
    String describe(String workNumber) {
        Agent agent = get(workNumber);
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

    private void index(Agent agent) {
        for (Map.Entry<String, Integer> skill : agent.skills.entrySet()) {
            members.computeIfAbsent(skill.getKey(), g -> new LinkedHashSet<>()).add(agent);
            if (agent.available()) {
                ready.computeIfAbsent(skill.getKey(), g -> new TreeSet<>(order))
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

    /** An agent as the router sees them; changed only through the index. */
    static final class Agent {
        final String workNumber;
        private String node;
        private String endpoint;
        private AgentState state = AgentState.LOGGED_OUT;
        private PauseReason pauseReason;
        private Instant readySince = Instant.EPOCH;
        private boolean reachable = true;
        private boolean held;
        private long version = -1;
        private Map<String, Integer> skills = Map.of();

        private Agent(String workNumber) {
            this.workNumber = workNumber;
        }

        String node() {
            return node;
        }

        boolean serves(String group) {
            return skills.containsKey(group);
        }

        Set<String> groups() {
            return skills.keySet();
        }

        /** READY, reachable and not held for a caller. */
        boolean available() {
            return state == AgentState.READY && reachable && !held;
        }

        boolean loggedInAndReachable() {
            return state.loggedIn() && reachable;
        }

        private AgentSnapshot snapshot() {
            return new AgentSnapshot(workNumber, node, endpoint, held ? AgentState.RESERVED : state, pauseReason,
                    readySince, reachable, version, skills);
        }
    }

    private record Member(Agent agent, int level, Instant readySince) {
    }
}
