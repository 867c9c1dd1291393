package org.hotline12333.supervision;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.springframework.context.ApplicationContext;

/**
 * Callers handed to routing for a group, as the IVR hands them over, with the AGI stand-in as Asterisk. The agent's
 * phone rings as long as the test wants: the stand-in holds its reply to Dial until {@link Caller#hangUpAgent()};
 * meanwhile the test can make the agent answer ({@link Caller#agentAnswers}), as Asterisk reports it over AMI.
 */
final class FloorCalls {

    private static final AtomicInteger SCENARIOS = new AtomicInteger();

    private final ScriptedCalls scripted;
    private final CallRouting routing;
    private final RecordedEvents events;
    private final CallRecords records;
    private final int agiPort;

    /** For a test of the shared running service. */
    static FloorCalls in(ApplicationContext service) {
        return new FloorCalls(service.getBean(ScriptedCalls.class), service.getBean(CallRouting.class),
                service.getBean(RecordedEvents.class), service.getBean(CallRecords.class),
                service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class));
    }

    private FloorCalls(ScriptedCalls scripted, CallRouting routing, RecordedEvents events, CallRecords records,
                       int agiPort) {
        this.scripted = scripted;
        this.routing = routing;
        this.events = events;
        this.records = records;
        this.agiPort = agiPort;
    }

    Caller call(String group, String callerNumber) {
        String scenario = "floor-" + SCENARIOS.incrementAndGet();
        scripted.register(scenario, call -> {
            call.answer();
            routing.connect(call, RouteRequest.toGroup(group));
        });
        AgiStandIn.SimulatedCall session = AgiStandIn.call(agiPort)
                .script(ScriptedCalls.SCRIPT + "?scenario=" + scenario).from(callerNumber)
                .holdOn("EXEC \"Dial\"").start();
        String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        return new Caller(session, callId);
    }

    final class Caller {
        final AgiStandIn.SimulatedCall session;
        final String callId;

        Caller(AgiStandIn.SimulatedCall session, String callId) {
            this.session = session;
            this.callId = callId;
        }

        /** The agent's phone rings (the service has dialled it), then the agent answers on this channel. */
        void agentAnswers(String agentChannel) {
            session.awaitHeld();
            StandInAsterisk.ami().dialBegin(session.uniqueId(), session.channel(), "1763999999." + callId,
                    agentChannel, agentChannel);
            StandInAsterisk.ami().dialEnd(session.uniqueId(), session.channel(), "1763999999." + callId,
                    agentChannel, "ANSWER");
            await(() -> records.legs(callId).stream().anyMatch(leg -> agentChannel.equals(leg.channel())
                    && leg.answeredAt() != null), "the agent's leg answered on " + agentChannel);
        }

        /** The agent hangs up: Dial returns, and the call ends. */
        void hangUpAgent() {
            session.release();
            session.awaitEnd();
        }
    }

    /** Waits until another thread (the floor's worker, AMI, a call's session) has made the condition true. */
    static void await(BooleanSupplier condition, String what) {
        Awaitility.await().alias(what).until(condition::getAsBoolean);
    }
}
