package org.hotline12333.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Agents as the API shows them: state from the database, skills and posts from the configuration, skill moves and
 * states waiting for a call to end from what supervisors did.
 */
@Component
class AgentViews implements DeskAgents {

    private final AgentStore store;
    private final WrapUps wrapUps;
    private final PendingStates pending;
    private final Clock clock;

    AgentViews(AgentStore store, WrapUps wrapUps, PendingStates pending, Clock clock) {
        this.store = store;
        this.wrapUps = wrapUps;
        this.pending = pending;
        this.clock = clock;
    }

    AgentView of(String workNumber) {
        AgentStore.AgentRow row = store.agent(workNumber).orElseThrow();
        return view(row, store.skills(), store.skillsNow(clock.instant()), store.posts(),
                pending.find(workNumber).orElse(null));
    }

    @Override
    public Optional<AgentView> ofUser(String username) {
        return store.agentOfUser(username).map(row -> of(row.workNumber()));
    }

    @Override
    public Optional<AgentView> agent(String workNumber) {
        return store.agent(workNumber).map(row -> of(row.workNumber()));
    }

    @Override
    public Optional<Instant> wrapUpUntil(String workNumber) {
        return store.agent(workNumber).filter(row -> row.state() == AgentState.WRAP_UP)
                .flatMap(row -> wrapUps.ends(workNumber));
    }

    List<AgentView> all() {
        Map<String, Map<String, Integer>> skills = store.skills();
        Map<String, Map<String, Integer>> now = store.skillsNow(clock.instant());
        Map<String, PendingState> waiting = pending.all();
        List<RoutingConfig.Post> posts = store.posts();
        List<AgentView> views = new ArrayList<>();
        for (AgentStore.AgentRow row : store.agents()) {
            views.add(view(row, skills, now, posts, waiting.get(row.workNumber())));
        }
        return views;
    }

    private static AgentView view(AgentStore.AgentRow row, Map<String, Map<String, Integer>> skills,
                                  Map<String, Map<String, Integer>> now, List<RoutingConfig.Post> posts,
                                  PendingState pending) {
        return new AgentView(row.workNumber(), row.name(), row.endpoint(), row.node(), row.username(), row.state(),
                row.pauseReason(), row.stateSince(), row.callId(), row.reachable(),
                Map.copyOf(skills.getOrDefault(row.workNumber(), Map.of())),
                posts.stream().filter(p -> row.workNumber().equals(p.a())).map(RoutingConfig.Post::code).toList(),
                posts.stream().filter(p -> row.workNumber().equals(p.b())).map(RoutingConfig.Post::code).toList(),
                Map.copyOf(now.getOrDefault(row.workNumber(), Map.of())), pending);
    }
}
