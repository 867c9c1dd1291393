package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.PostgresInstance;
import org.hotline12333.testkit.ScriptedCalls;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two service instances on one real PostgreSQL, as in production with several instances: callers arriving at both
 * race for the same eight agents. An agent is claimed by a conditional UPDATE in the database, so no agent is ever
 * offered two calls, and every caller is served.
 */
class SeveralInstancesTest {

    static final int AGENTS = 8;
    static final int CALLERS = 32;
    static final int ROUNDS = 3;

    final ConfigurableApplicationContext first = PostgresInstance.shared().first();
    final ConfigurableApplicationContext second = PostgresInstance.shared().second();

    @Test
    void callersOnTwoInstancesRacingForEightAgentsNeverDoubleBookOne() {
        RoutingAdmin admin = first.getBean(RoutingAdmin.class);
        AgentDesk desk = first.getBean(AgentDesk.class);
        admin.putGroup(new RoutingAdmin.GroupSpec("shared-race", "race", Duration.ZERO, null, List.of()));
        List<String> agents = new ArrayList<>();
        for (int i = 1; i <= AGENTS; i++) {
            String workNumber = "5500" + i;
            admin.putAgent(new RoutingAdmin.AgentSpec(workNumber, "Agent " + i, "PJSIP/5500" + i, "central", null, null,
                    Map.of("shared-race", 1 + i % 2)), "central");
            desk.login(workNumber, null, null);
            agents.add(workNumber);
        }
        awaitSeenReady(second, agents);
        RoutingRaceTest.RingingPhones phones = new RoutingRaceTest.RingingPhones();
        Instant from = Instant.now().minusSeconds(1);

        for (int round = 0; round < ROUNDS; round++) {
            List<CompletableFuture<RoutingResult>> results = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                results.add(call(i % 2 == 0 ? first : second, "r" + round + "c" + i, phones));
            }
            for (CompletableFuture<RoutingResult> result : results) {
                assertThat(result.orTimeout(30, TimeUnit.SECONDS).join().outcome())
                        .isEqualTo(RoutingResult.Outcome.TALKED);
            }
        }

        assertThat(phones.overlaps).as("an agent's phone rang for two calls at once").isEmpty();
        assertThat(phones.calls.get()).isEqualTo(CALLERS * ROUNDS);
        AgentStore store = first.getBean(AgentStore.class);
        Set<String> instances = new HashSet<>();
        Map<String, Integer> offered = new HashMap<>();
        for (String agent : agents) {
            String current = null;
            for (AgentStore.StateChange change : store.history(agent, from, Instant.now().plusSeconds(1))) {
                if (change.to() == AgentState.RESERVED) {
                    assertThat(current).as("agent %s reserved while still on %s", agent, current).isNull();
                    current = change.callId();
                    offered.merge(agent, 1, Integer::sum);
                    instances.add(change.instance());
                } else if (change.to() == AgentState.READY) {
                    current = null;
                }
            }
        }
        assertThat(offered.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CALLERS * ROUNDS);
        assertThat(instances).containsExactlyInAnyOrder("pg-a", "pg-b");
    }

    private static CompletableFuture<RoutingResult> call(ConfigurableApplicationContext instance, String scenario,
                                                         RoutingRaceTest.RingingPhones phones) {
        CompletableFuture<RoutingResult> result = new CompletableFuture<>();
        CallRouting routing = instance.getBean(CallRouting.class);
        instance.getBean(ScriptedCalls.class).register(scenario, call -> {
            call.answer();
            result.complete(routing.connect(call, RouteRequest.toGroup("shared-race")));
        });
        int port = Integer.parseInt(instance.getEnvironment().getProperty("local.agi.port"));
        AgiStandIn.call(port).script(ScriptedCalls.SCRIPT + "?scenario=" + scenario)
                .from("1380000" + String.format("%04d", Math.abs(scenario.hashCode()) % 10000)).dialing(phones).start();
        return result;
    }

    /** The second instance learns agents' states from the database at its next sync. */
    private static void awaitSeenReady(ConfigurableApplicationContext instance, List<String> agents) {
        LockedRouter router = instance.getBean(LockedRouter.class);
        await().alias("the second instance sees the agents ready").until(() -> agents.stream()
                .allMatch(a -> router.agent(a).map(s -> s.state() == AgentState.READY).orElse(false)));
    }
}
