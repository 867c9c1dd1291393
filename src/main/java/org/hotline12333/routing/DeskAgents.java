package org.hotline12333.routing;

import java.time.Instant;
import java.util.Optional;

/**
 * What the agent's desk page (feature {@code desk}) needs to know about agents, beside {@link AgentStateChanged}:
 * the agent a signed-in user is, and when their wrap-up ends. Their state changes and calls go through the desk API
 * ({@code /api/desk}, also under {@code /desk/data} for the page).
 */
public interface DeskAgents {

    /** The agent linked to this user, if any. */
    Optional<AgentView> ofUser(String username);

    Optional<AgentView> agent(String workNumber);

    /** When the agent's wrap-up ends by itself, if they are in WRAP_UP and this instance set the timer. */
    Optional<Instant> wrapUpUntil(String workNumber);
}
