package org.hotline12333.desk;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.EndedBy;
import org.hotline12333.call.NewCall;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.TestClock;
import org.springframework.context.ApplicationContext;

/**
 * Agents and callers for desk tests, made as the service makes them: agents over the API, callers through the real
 * 12333 menu with the AGI stand-in as Asterisk, the agent's phone answered as Asterisk reports it over AMI.
 */
final class DeskFixture {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 1000) * 100);

    final int port;
    final int agiPort;
    final TestClock clock;
    private final RecordedEvents events;
    private final CallRecords records;

    DeskFixture(ApplicationContext service) {
        this.port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        this.agiPort = service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
        this.clock = service.getBean(TestClock.class);
        this.events = service.getBean(RecordedEvents.class);
        this.records = service.getBean(CallRecords.class);
    }

    CallRecords records() {
        return records;
    }

    Http admin() {
        return Http.on(port).as("admin", "test-admin-password");
    }

    /** A caller number no other test uses. */
    static String callerNumber() {
        return String.format("136%08d", NEXT.incrementAndGet());
    }

    /** A caller who keys their way through the 12333 menu to a person; the agent's phone rings until answered. */
    Caller call(String callerNumber, String... keys) {
        AgiStandIn call = AgiStandIn.call(agiPort).script("ivr?menu=12333").from(callerNumber)
                .events(StandInAsterisk.ami()).dialing(endpoint -> AgiStandIn.DialOutcome.answeredUntilHungUp())
                .ringsUntilAnswered();
        for (String key : keys) {
            call = call.keys(key);
        }
        AgiStandIn.SimulatedCall session = call.keys("1").start(); // 1: 满意, for the survey after the agent
        String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        return new Caller(session, callId);
    }

    final class Caller {
        final AgiStandIn.SimulatedCall session;
        final String callId;
        private String agentChannel;

        Caller(AgiStandIn.SimulatedCall session, String callId) {
            this.session = session;
            this.callId = callId;
        }

        /** The agent's phone, ringing, is answered: Asterisk reports it over AMI and bridges the agent in. */
        void answeredBy(TestAgent agent) {
            session.awaitRinging().answerPhone();
            agentChannel = await().until(() -> records.legs(callId).stream()
                    .filter(leg -> agent.workNumber().equals(leg.agent()) && leg.answeredAt() != null
                            && leg.channel() != null)
                    .map(CallLegView::channel).findFirst().orElse(null), java.util.Objects::nonNull);
        }

        String agentChannel() {
            return agentChannel;
        }

        /** The agent hangs up: Dial returns, the caller answers the survey, the call ends. */
        void hangUp() {
            StandInAsterisk.ami().phoneHangsUp(agentChannel);
            session.awaitEnd();
        }
    }

    /**
     * An earlier call from this number, two days ago on the service's clock (which the test has set), answered by the
     * agent, wrapped up and rated.
     */
    String earlierCall(String workNumber, String callerNumber, Satisfaction rated) {
        Instant now = clock.instant();
        Instant start = now.minus(Duration.ofDays(2));
        clock.set(start);
        String callId = records.open(new NewCall("central", "desk." + NEXT.incrementAndGet(), "PJSIP/carrier-desk",
                callerNumber, null, "12333", "ivr"));
        records.queued(callId, "pension", 0, Map.of(), start);
        records.connected(callId, workNumber, "GROUP", "earlier call", start.plusSeconds(10));
        records.routingEnded(callId, CallOutcome.ANSWERED, start.plusSeconds(200));
        records.wrappedUp(callId, "110103", "转移接续进度", start.plusSeconds(230));
        records.recordSatisfaction(callId, rated);
        clock.set(start.plusSeconds(200));
        records.close(callId, EndedBy.CALLER, "caller hung up");
        clock.set(now);
        return callId;
    }

    static void require(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
    }
}
