package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline12333.routing.RoutingPropertiesFixture.withRemoteDial;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The periodic re-read of the agents ({@link RoutingSync}, one at a time) reads the database, then applies what it
 * read under the router's lock; an agent added or logged in between the two is newer in the router than in the read.
 * Seen in the full suite: a re-read that crossed the adding of an agent removed them, and the caller was told nobody
 * was there.
 */
class LockedRouterTest {

    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    private static final Map<String, Map<String, Integer>> PENSION = Map.of("1001", Map.of("pension", 1));

    private final LockedRouter router = new LockedRouter(withRemoteDial("PJSIP/{extension}@district-east"),
            new SimpleMeterRegistry());

    @BeforeEach
    void aPensionGroup() {
        router.configure(new RoutingConfig(List.of(new RoutingConfig.Group("pension", "养老保险", Duration.ZERO, null,
                List.of())), List.of()));
    }

    @Test
    void anAgentWhoLoggedInHereWhileAReadBegunBeforeTheyWereAddedWasUnderWayIsNotRemovedByIt() {
        long readBegins = router.agentChanges();
        List<AgentStore.AgentRow> readBeforeTheAgentExisted = List.of();
        router.agentChanged(row(AgentState.READY, 1)); // added at another instance, logged in at this one's desk

        router.agentsRead(readBeforeTheAgentExisted, Map.of(), readBegins, new ArrayList<>());
        assertThat(router.agent("1001")).map(AgentSnapshot::state).contains(AgentState.READY);

        router.agentsRead(List.of(row(AgentState.READY, 1)), PENSION, router.agentChanges(), new ArrayList<>());
        assertThat(router.arrive(caller(), NOW)).map(Router.Assignment::workNumber).contains("1001");
    }

    @Test
    void aReadBegunBeforeALoginTakesTheNewSkillsButNotTheOldState() {
        router.agentsRead(List.of(row(AgentState.LOGGED_OUT, 0)), Map.of("1001", Map.of("medical", 1)),
                router.agentChanges(), new ArrayList<>());
        long readBegins = router.agentChanges();
        List<AgentStore.AgentRow> read = List.of(row(AgentState.LOGGED_OUT, 0));
        router.agentChanged(row(AgentState.READY, 1));

        router.agentsRead(read, PENSION, readBegins, new ArrayList<>());

        assertThat(router.agent("1001")).map(AgentSnapshot::state).contains(AgentState.READY);
        assertThat(router.agent("1001")).map(AgentSnapshot::skills).contains(Map.of("pension", 1));
    }

    @Test
    void whatAnotherInstanceDidIsTakenFromTheReadWhenNothingChangedHereMeanwhile() {
        router.agentsRead(List.of(row(AgentState.READY, 1)), PENSION, router.agentChanges(), new ArrayList<>());

        router.agentsRead(List.of(row(AgentState.PAUSED, 2)), PENSION, router.agentChanges(), new ArrayList<>());
        assertThat(router.agent("1001")).map(AgentSnapshot::state).contains(AgentState.PAUSED);

        router.agentsRead(List.of(), Map.of(), router.agentChanges(), new ArrayList<>());
        assertThat(router.agent("1001")).as("removed from the database").isEmpty();
        assertThat(router.arrive(caller(), NOW)).isEmpty();
    }

    private static AgentStore.AgentRow row(AgentState state, long version) {
        return new AgentStore.AgentRow("1001", "Agent 1001", "PJSIP/1001", "central", null, null, state, null,
                NOW.minusSeconds(60), state == AgentState.READY ? NOW.minusSeconds(30) : null, null, true, version);
    }

    private static QueuedCaller caller() {
        return QueuedCaller.of("call-1", "central", "pension", null, 0, NOW);
    }
}
