package org.hotline12333.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Agents as the API shows them: state from the database, skills and posts from the configuration. */
@Component
class AgentViews implements DeskAgents {

    private final AgentStore store;
    private final WrapUps wrapUps;

    AgentViews(AgentStore store, WrapUps wrapUps) {
        this.store = store;
        this.wrapUps = wrapUps;
    }

    AgentView of(String workNumber) {
        return view(store.agent(workNumber).orElseThrow(), store.skills().getOrDefault(workNumber, Map.of()),
                store.posts());
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
        List<RoutingConfig.Post> posts = store.posts();
        List<AgentView> views = new ArrayList<>();
        for (AgentStore.AgentRow row : store.agents()) {
            views.add(view(row, skills.getOrDefault(row.workNumber(), Map.of()), posts));
        }
        return views;
    }

    private static AgentView view(AgentStore.AgentRow row, Map<String, Integer> skills, List<RoutingConfig.Post> posts) {
        return new AgentView(row.workNumber(), row.name(), row.endpoint(), row.node(), row.username(), row.state(),
                row.pauseReason(), row.stateSince(), row.callId(), row.reachable(), Map.copyOf(skills),
                posts.stream().filter(p -> row.workNumber().equals(p.a())).map(RoutingConfig.Post::code).toList(),
                posts.stream().filter(p -> row.workNumber().equals(p.b())).map(RoutingConfig.Post::code).toList());
    }
}
