package org.hotline12333.routing;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Agents claimed for work that is not a waiting caller: a callback, an attended transfer to a group. The best
 * ready agent is picked as for a caller, then claimed in the database; when another instance claimed them first,
 * the next one is tried, a few times.
 */
@Component
class AgentClaims {

    private static final int ATTEMPTS = 5;

    private final RoutingEngine engine;

    AgentClaims(RoutingEngine engine) {
        this.engine = engine;
    }

    /** Picks and claims (RESERVED, for {@code workId}) the best ready agent of a group; their work number. */
    Optional<String> claimFor(String group, String workId, ChosenBy by) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Router.Assignment> pick = engine.router()
                    .pickFor(QueuedCaller.work(workId, group, engine.clock().instant()), engine.clock().instant());
            if (pick.isEmpty()) {
                return Optional.empty();
            }
            String agent = pick.get().workNumber();
            if (engine.change(agent, AgentStore.Transition.claim(workId,
                    by.name().toLowerCase() + ": " + pick.get().reason())).isPresent()) {
                return Optional.of(agent);
            }
            engine.refresh(agent);
        }
        return Optional.empty();
    }

    /** Claims one named agent for work that is not a waiting caller (a callback for them), if they are READY now. */
    Optional<String> claimAgent(String workNumber, String workId, ChosenBy by) {
        Optional<String> claimed = engine.change(workNumber, AgentStore.Transition.claim(workId,
                by.name().toLowerCase() + ": for this agent")).map(c -> workNumber);
        if (claimed.isEmpty()) {
            engine.refresh(workNumber);
        }
        return claimed;
    }
}
