package org.hotline12333.routing;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Who the agents are, for other features: by work number, and the agent a signed-in user is. */
@Service
public class Agents {

    private final AgentStore store;
    private final AgentViews views;

    Agents(AgentStore store, AgentViews views) {
        this.store = store;
        this.views = views;
    }

    /** The work number of the agent linked to this user account, if the user is an agent. */
    public Optional<String> workNumberOfUser(String username) {
        return store.agentOfUser(username).map(AgentStore.AgentRow::workNumber);
    }

    public List<AgentView> all() {
        return views.all();
    }
}
