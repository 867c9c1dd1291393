package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Many callers at once onto few agents: nobody is offered two calls, nobody is forgotten. */
@HotlineTest
class RoutingRaceTest {

    static final int AGENTS = 8;
    static final int CALLERS = 32;
    static final int ROUNDS = 4;

    @Autowired
    ApplicationContext service;
    @Autowired
    AgentStore store;

    @Test
    void thirtyTwoCallersRacingOntoEightAgentsNeverDoubleBookOne() {
        RoutingFixture fixture = new RoutingFixture(service);
        String group = fixture.group("race");
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(fixture.readyAgent(Map.of(group, 1 + i % 3)));
        }
        RingingPhones phones = new RingingPhones();
        Instant from = Instant.now().minusSeconds(1);

        for (int round = 0; round < ROUNDS; round++) {
            List<RoutingFixture.Caller> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                callers.add(fixture.call(RouteRequest.toGroup(group), a -> a.dialing(phones)));
            }
            for (RoutingFixture.Caller caller : callers) {
                assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.TALKED);
            }
        }

        assertThat(phones.overlaps).as("an agent's phone rang for two calls at once").isEmpty();
        assertThat(phones.calls.get()).isEqualTo(CALLERS * ROUNDS);
        Map<String, Integer> offered = new HashMap<>();
        for (String agent : agents) {
            List<AgentStore.StateChange> history = store.history(agent, from, Instant.now().plusSeconds(1));
            String current = null;
            for (AgentStore.StateChange change : history) {
                if (change.to() == AgentState.RESERVED) {
                    assertThat(current).as("agent %s reserved while still on %s", agent, current).isNull();
                    current = change.callId();
                    offered.merge(agent, 1, Integer::sum);
                } else if (change.to() == AgentState.READY) {
                    current = null;
                } else if (change.to() == AgentState.ON_CALL || change.to() == AgentState.WRAP_UP) {
                    assertThat(change.callId()).isEqualTo(current);
                }
                assertThat(change.from()).isNotNull();
            }
        }
        assertThat(offered.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CALLERS * ROUNDS);
    }

    /**
     * The agents' phones, answered at once: two Dials of one phone at the same moment are a double booking. (One
     * offered while the agent is still busy shows in the stored history, checked above.)
     */
    static final class RingingPhones implements Function<String, AgiStandIn.DialOutcome> {
        final Map<String, AtomicInteger> ringing = new ConcurrentHashMap<>();
        final List<String> overlaps = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public AgiStandIn.DialOutcome apply(String endpoint) {
            calls.incrementAndGet();
            AtomicInteger count = ringing.computeIfAbsent(endpoint, e -> new AtomicInteger());
            if (count.incrementAndGet() > 1) {
                overlaps.add(endpoint);
            }
            count.decrementAndGet();
            return AgiStandIn.DialOutcome.answered(1);
        }
    }
}
