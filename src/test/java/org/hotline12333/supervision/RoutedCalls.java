package org.hotline12333.supervision;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.WaitDefaults;
import org.springframework.context.ApplicationContext;

/**
 * Callers handed to routing for a group, with Asterisk's AMI events as Asterisk sends them (the AGI and AMI
 * stand-ins together): the agent's phone answers and the conversation lasts until the agent's leg is hung up over AMI,
 * or the phone rings until it is; what routing returns is kept.
 */
final class RoutedCalls {

    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    /** The test kit's bound on any wait (a busy 2-core machine), never a measure of speed. */
    static final Duration WAIT = WaitDefaults.TIMEOUT;

    private final ScriptedCalls scripted;
    private final CallRouting routing;
    private final RecordedEvents events;
    private final CallRecords records;
    private final int agiPort;
    final AmiStandIn ami = StandInAsterisk.ami();

    static RoutedCalls in(ApplicationContext service) {
        return new RoutedCalls(service.getBean(ScriptedCalls.class), service.getBean(CallRouting.class),
                service.getBean(RecordedEvents.class), service.getBean(CallRecords.class),
                service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class));
    }

    private RoutedCalls(ScriptedCalls scripted, CallRouting routing, RecordedEvents events, CallRecords records,
                        int agiPort) {
        this.scripted = scripted;
        this.routing = routing;
        this.events = events;
        this.records = records;
        this.agiPort = agiPort;
    }

    /** A caller whose agent answers and talks until their leg is hung up over AMI. */
    Caller talking(String group, String callerNumber) {
        return call(group, callerNumber, a -> a.dialing(e -> AgiStandIn.DialOutcome.answeredUntilHungUp()));
    }

    /** A caller whose agent's phone rings until the leg is hung up over AMI. */
    Caller ringing(String group, String callerNumber) {
        return call(group, callerNumber, a -> a.dialing(e -> AgiStandIn.DialOutcome.ringsUntilHungUp()));
    }

    /** A caller with the AGI stand-in as {@code asterisk} makes it, whose call also sends Asterisk's AMI events. */
    Caller call(String group, String callerNumber, UnaryOperator<AgiStandIn> asterisk) {
        return start(group, callerNumber, a -> asterisk.apply(a.events(ami)));
    }

    /** A caller with the AGI stand-in as {@code asterisk} makes it (AMI events only if it says so). */
    Caller start(String group, String callerNumber, UnaryOperator<AgiStandIn> asterisk) {
        String scenario = "routed-" + SCENARIOS.incrementAndGet();
        CompletableFuture<RoutingResult> result = new CompletableFuture<>();
        scripted.register(scenario, call -> {
            call.answer();
            result.complete(routing.connect(call, RouteRequest.toGroup(group)));
        });
        AgiStandIn.SimulatedCall session = asterisk.apply(AgiStandIn.call(agiPort)
                .script(ScriptedCalls.SCRIPT + "?scenario=" + scenario).from(callerNumber)).start();
        String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        return new Caller(session, callId, result);
    }

    /** A skill group of its own with one ready agent, and a caller talking with that agent: what a test acts on. */
    Conversation conversation(int port, String slug, String callerNumber) {
        String group = FloorAgents.group(port, slug, slug);
        String agent = FloorAgents.ready(port, group);
        Caller caller = talking(group, callerNumber);
        return new Conversation(group, agent, caller, caller.agentChannel(true));
    }

    record Conversation(String group, String agent, Caller caller, String agentChannel) {
    }

    final class Caller {
        final AgiStandIn.SimulatedCall session;
        final String callId;
        private final CompletableFuture<RoutingResult> result;

        Caller(AgiStandIn.SimulatedCall session, String callId, CompletableFuture<RoutingResult> result) {
            this.session = session;
            this.callId = callId;
            this.result = result;
        }

        /**
         * The agent leg's channel, once AMI reported it (and, when asked, once the agent answered and the call record
         * names them: routing records the leg's answer first).
         */
        String agentChannel(boolean answered) {
            return await().atMost(WAIT).until(() -> records.legs(callId).stream()
                    .filter(leg -> leg.kind() == CallLegView.Kind.AGENT && leg.endedAt() == null)
                    .filter(leg -> !answered || leg.answeredAt() != null
                            && Objects.equals(leg.agent(), record().routing().agent()))
                    .map(CallLegView::channel).filter(Objects::nonNull).findFirst().orElse(null), Objects::nonNull);
        }

        java.util.List<CallLegView> legs() {
            return records.legs(callId);
        }

        CallSummary record() {
            return records.find(callId).orElseThrow();
        }

        RoutingResult result() {
            try {
                return result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("routing did not return; commands so far: " + session.commands(), e);
            }
        }
    }
}
