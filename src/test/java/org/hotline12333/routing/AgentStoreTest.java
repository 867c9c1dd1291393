package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.hotline12333.routing.AgentStore.AgentRow;
import org.hotline12333.routing.AgentStore.Changed;
import org.hotline12333.routing.AgentStore.Transition;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An agent's state change returns the agent as the database now holds it, the row every instance reads (times as
 * the database keeps them, to the microsecond), and a change from a state the agent is no longer in changes nothing.
 */
@HotlineTest
class AgentStoreTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    AgentStore store;

    @Test
    void eachChangeReturnsTheAgentAsStoredAndAStaleOneChangesNothing() {
        RoutingFixture fixture = new RoutingFixture(service);
        String agent = fixture.agent(Map.of(fixture.group("store"), 5));
        // nanoseconds the database does not keep
        Instant at = Instant.parse("2026-11-23T02:00:00.123456789Z");

        AgentRow ready = changed(store.transition(agent, Transition.move(Set.of(AgentState.LOGGED_OUT),
                AgentState.READY, "login"), at, "test").orElseThrow(), agent);
        assertThat(ready.readySince()).isEqualTo(Instant.parse("2026-11-23T02:00:00.123456Z"));

        AgentRow reserved = changed(store.transition(agent, Transition.claim("call-store-1", "offered"),
                at.plusMillis(1), "test").orElseThrow(), agent);
        assertThat(reserved.callId()).isEqualTo("call-store-1");
        assertThat(reserved.version()).isEqualTo(ready.version() + 1);

        changed(store.transition(agent, Transition.onCall(Set.of(AgentState.RESERVED), AgentState.ON_CALL, null,
                "answered"), at.plusMillis(2), "test").orElseThrow(), agent);
        AgentRow paused = changed(store.transition(agent, Transition.pause(EnumSet.of(AgentState.ON_CALL),
                PauseReason.BREAK, "break"), at.plusMillis(3), "test").orElseThrow(), agent);
        assertThat(paused.callId()).isNull();
        assertThat(paused.readySince()).isNull();

        // a change meant for a READY agent finds them PAUSED: nothing happens
        assertThat(store.transition(agent, Transition.claim("call-store-2", "offered"), at.plusMillis(4), "test"))
                .isEmpty();
        assertThat(store.agent(agent).orElseThrow()).isEqualTo(paused);

        store.transition(agent, Transition.move(EnumSet.allOf(AgentState.class), AgentState.LOGGED_OUT, "logout"),
                at.plusMillis(5), "test");
    }

    /** The agent a change returned, checked against a fresh read of the row. */
    private AgentRow changed(Changed change, String agent) {
        assertThat(change.agent()).isEqualTo(store.agent(agent).orElseThrow());
        return change.agent();
    }
}
