package org.hotline12333.routing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.WaitDefaults;
import org.springframework.context.ApplicationContext;

/**
 * Groups, agents and calls for routing tests in the shared running service. Every test gets its own group codes
 * and work numbers, so tests sharing the service never take each other's callers.
 */
final class RoutingFixture {

    private static final AtomicInteger NEXT = new AtomicInteger(100);

    final String prefix = "t" + NEXT.incrementAndGet();
    private final RoutingAdmin admin;
    private final AgentDesk desk;
    private final AgentStore store;
    private final CallRouting routing;
    private final ScriptedCalls scripted;
    private final RecordedEvents events;
    private final CallRecords records;
    private final int agiPort;
    private final AtomicInteger agents = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    /** Takes what it needs from the running service's context (each test uses the fixture, not these beans). */
    RoutingFixture(ApplicationContext service) {
        this.admin = service.getBean(RoutingAdmin.class);
        this.desk = service.getBean(AgentDesk.class);
        this.store = service.getBean(AgentStore.class);
        this.routing = service.getBean(CallRouting.class);
        this.scripted = service.getBean(ScriptedCalls.class);
        this.events = service.getBean(RecordedEvents.class);
        this.records = service.getBean(CallRecords.class);
        this.agiPort = service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
    }

    String group(String name) {
        return group(name, null, List.of());
    }

    String group(String name, Duration overflowAfter, List<String> overflowTo) {
        String code = prefix + "-" + name;
        admin.putGroup(new RoutingAdmin.GroupSpec(code, name, Duration.ZERO, overflowAfter, overflowTo));
        return code;
    }

    /** A logged-out agent with these skills; returns the work number. */
    String agent(Map<String, Integer> skills) {
        String workNumber = prefix.substring(1) + String.format("%02d", agents.incrementAndGet());
        admin.putAgent(new RoutingAdmin.AgentSpec(workNumber, "Agent " + workNumber, endpoint(workNumber), "central",
                null, "4321", skills), "central");
        return workNumber;
    }

    static String endpoint(String workNumber) {
        return "PJSIP/a" + workNumber;
    }

    String readyAgent(Map<String, Integer> skills) {
        String workNumber = agent(skills);
        desk.login(workNumber, null, null);
        return workNumber;
    }

    AgentState state(String workNumber) {
        return store.agent(workNumber).orElseThrow().state();
    }

    AgentStore.AgentRow row(String workNumber) {
        return store.agent(workNumber).orElseThrow();
    }

    /** Waits until the agent is in this state (changed by another thread: AMI, a timer, a caller's session). */
    AgentStore.AgentRow awaitState(String workNumber, AgentState state) {
        return await().alias("agent " + workNumber + " " + state).until(() -> row(workNumber), r -> r.state() == state);
    }

    /** The first AMI Originate ringing this agent's phone (a callback's) after the first {@code before} of them. */
    static Map<String, String> awaitOriginateTo(String workNumber, int before) {
        return await().alias("an Originate to agent " + workNumber).until(() -> StandInAsterisk.ami()
                .actions("Originate").stream().skip(before).filter(a -> endpoint(workNumber).equals(a.get("Channel")))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }

    /** A caller the IVR hands to routing with this request. */
    Caller call(RouteRequest request, Function<AgiStandIn, AgiStandIn> asterisk) {
        String scenario = prefix + "-call-" + calls.incrementAndGet();
        CompletableFuture<RoutingResult> result = new CompletableFuture<>();
        scripted.register(scenario, call -> {
            call.answer();
            try {
                result.complete(routing.connect(call, request));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
            }
        });
        AgiStandIn.SimulatedCall session = asterisk.apply(AgiStandIn.call(agiPort)
                .script(ScriptedCalls.SCRIPT + "?scenario=" + scenario).from(callerNumber())).start();
        return new Caller(session, result);
    }

    /** A number of its own for every call, unless the test gives one: no first-asker across tests. */
    private String callerNumber() {
        return String.format("139%08d", Integer.parseInt(prefix.substring(1)) * 1000 + calls.get());
    }

    Caller call(String group) {
        return call(RouteRequest.toGroup(group), a -> a);
    }

    final class Caller {
        final AgiStandIn.SimulatedCall session;
        final CompletableFuture<RoutingResult> result;

        Caller(AgiStandIn.SimulatedCall session, CompletableFuture<RoutingResult> result) {
            this.session = session;
            this.result = result;
        }

        RoutingResult result() {
            try {
                return result.get(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no routing result; commands so far: " + session.commands(), e);
            }
        }

        String callId() {
            return events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        }

        CallSummary record() {
            return records.find(callId()).orElseThrow();
        }

        /** Waits until the service has sent a command starting with this. */
        void awaitCommand(String prefix) {
            await().alias("command " + prefix).until(() -> session.commands().stream().anyMatch(c -> c.startsWith(prefix)));
        }

        List<String> dialled() {
            return session.commands().stream().filter(c -> c.startsWith("EXEC \"Dial\""))
                    .map(c -> c.substring("EXEC \"Dial\" \"".length(), c.indexOf(','))).toList();
        }
    }
}
