package org.hotline12333.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Agents as the API shows them: state from the database, skills and posts from the configuration, skill moves and
 * states waiting for a call to end from what supervisors did.
 */
@Component
class AgentViews {

    private final AgentStore store;
    private final RoutingEngine engine;
    private final PendingStates pending;

    AgentViews(AgentStore store, RoutingEngine engine, PendingStates pending) {
        this.store = store;
        this.engine = engine;
        this.pending = pending;
    }

    AgentView of(String workNumber) {
        AgentStore.AgentRow row = store.agent(workNumber).orElseThrow();
        return view(row, store.skills(), store.skillsNow(engine.clock().instant()), store.posts(),
                pending.find(workNumber).orElse(null));
    }

    List<AgentView> all() {
        Map<String, Map<String, Integer>> skills = store.skills();
        Map<String, Map<String, Integer>> now = store.skillsNow(engine.clock().instant());
        Map<String, PendingState> waiting = pending.all();
        List<Router.PostConfig> posts = store.posts();
        List<AgentView> views = new ArrayList<>();
        for (AgentStore.AgentRow row : store.agents()) {
            views.add(view(row, skills, now, posts, waiting.get(row.workNumber())));
        }
        return views;
    }

    private static AgentView view(AgentStore.AgentRow row, Map<String, Map<String, Integer>> skills,
                                  Map<String, Map<String, Integer>> now, List<Router.PostConfig> posts,
                                  PendingState pending) {
        return new AgentView(row.workNumber(), row.name(), row.endpoint(), row.node(), row.username(), row.state(),
                row.pauseReason(), row.stateSince(), row.callId(), row.reachable(),
                Map.copyOf(skills.getOrDefault(row.workNumber(), Map.of())),
                posts.stream().filter(p -> row.workNumber().equals(p.a())).map(Router.PostConfig::code).toList(),
                posts.stream().filter(p -> row.workNumber().equals(p.b())).map(Router.PostConfig::code).toList(),
                Map.copyOf(now.getOrDefault(row.workNumber(), Map.of())), pending);
    }
}
