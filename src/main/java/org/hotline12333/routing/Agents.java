package org.hotline12333.routing;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Agents for other features: which agent a signed-in user is (to show them their own work and nobody else's), and
 * every configured agent (e.g. for reports that list each agent by work number and name).
 */
@Service
public class Agents {

    private final AgentStore store;
    private final AgentViews views;

    Agents(AgentStore store, AgentViews views) {
        this.store = store;
        this.views = views;
    }

    /** The agent linked to this user name, if any. */
    public Optional<AgentView> ofUser(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return store.agentOfUser(username).map(row -> views.of(row.workNumber()));
    }

    /** One agent, by work number. */
    public Optional<AgentView> byWorkNumber(String workNumber) {
        return store.agent(workNumber).map(row -> views.of(row.workNumber()));
    }

    /** Every configured agent, by work number. */
    public List<AgentView> all() {
        return views.all();
    }
}
