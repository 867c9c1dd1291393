package org.hotline12333.supervision;

import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.hotline12333.call.CallRecords;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.StandInAsterisk;
import org.springframework.context.ApplicationContext;

/**
 * Callers handed to routing for a group, as the IVR hands them over, with the AGI stand-in as Asterisk. The agent's
 * phone rings as long as the test wants: the stand-in holds its reply to Dial until {@link Caller#hangUpAgent()};
 * meanwhile the test can make the agent answer ({@link Caller#agentAnswers}), as Asterisk reports it over AMI.
 */
final class FloorCalls {

    private final RoutedCalls routed;
    private final CallRecords records;

    private FloorCalls(RoutedCalls routed, CallRecords records) {
        this.routed = routed;
        this.records = records;
    }

    /** For a test of the shared running service. */
    static FloorCalls in(ApplicationContext service) {
        return new FloorCalls(RoutedCalls.in(service), service.getBean(CallRecords.class));
    }

    /** A caller whose Dial the stand-in holds; no AMI events but those the test sends ({@link Caller#agentAnswers}). */
    Caller call(String group, String callerNumber) {
        RoutedCalls.Caller caller = routed.start(group, callerNumber, a -> a.holdOn("EXEC \"Dial\""));
        return new Caller(caller.session, caller.callId);
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
