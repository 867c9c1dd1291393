package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * A callback holds its agent (RESERVED) only while their phone rings for it: Asterisk's answer to the Originate, or
 * the callback's call reaching the service, ends the ring, and so does the ring time going by when Asterisk says
 * nothing. Before, only the phone's device states did: without them the agent stayed RESERVED until the sweep of
 * stale reservations, minutes later (LoadWithFaultsBenchmark found every agent of its floor so).
 */
@HotlineTest
class CallbackRingTest {

    @Autowired
    ApplicationContext service;
    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    AgentDesk desk;
    @Autowired
    AgentStore store;
    @Autowired
    Callbacks callbacks;
    @Autowired
    RoutingProperties properties;
    @Autowired
    RoutingTimers timers;
    @Autowired
    TestClock clock;

    RoutingFixture fixture;
    final AmiStandIn ami = StandInAsterisk.ami();

    @BeforeEach
    void fixture() {
        fixture = new RoutingFixture(service);
    }

    @Test
    void anAgentWhosePhoneDidNotAnswerTheCallbackIsPausedAndTheCallbackIsDueAgain() {
        Ringing ringing = callbackRingingAtAnAgent();

        // the phone rang out: Asterisk says so in the Originate's response, and no device state changes
        ami.originateFails(ringing.originate, 3);

        AgentStore.AgentRow agent = fixture.awaitState(ringing.agent, AgentState.PAUSED);
        assertThat(agent.pauseReason()).isEqualTo(PauseReason.NO_ANSWER);
        assertThat(store.history(ringing.agent, agent.stateSince(), agent.stateSince())).singleElement()
                .extracting(AgentStore.StateChange::note).isEqualTo("did not answer the callback (no answer)");
        // due again at once, for another agent of the group: there is none, so it waits (its error is then cleared)
        assertThat(awaitDueAgain(ringing.callbackId).attempts()).isEqualTo(1);
    }

    @Test
    void anAgentRungForACallbackAsteriskSaysNothingAboutIsReadyOnceTheRingTimeIsOver() {
        Ringing ringing = callbackRingingAtAnAgent();
        Duration ringTime = properties.callbackRingTimeout();

        clock.advance(ringTime); // the ring time is over, but Asterisk's answer may still be on its way
        try {
            timers.tick();
            assertThat(fixture.state(ringing.agent)).isEqualTo(AgentState.RESERVED);

            clock.advance(CallbackRings.NO_WORD_MARGIN); // nothing came: no OriginateResponse, no device state
            fixture.awaitState(ringing.agent, AgentState.READY);
            Callbacks.Callback callback = awaitDueAgain(ringing.callbackId);
            assertThat(callback.lastError()).isEqualTo("nothing heard of the agent's phone within 60 s");
            desk.pause(ringing.agent, PauseReason.MEAL); // the callback waits for them, not dialled again by this test
        } finally {
            clock.reset();
        }
    }

    @Test
    void anAgentWhoAnsweredIsOnTheCallbackOnceItsCallReachesTheServiceWithoutADeviceState() {
        Ringing ringing = callbackRingingAtAnAgent();

        // the agent answered: the dialplan hands the call to the service (AMI's device states were lost, say)
        AgiStandIn.SimulatedCall call = AgiStandIn.call(agiPort).script("callback?id=" + ringing.callbackId)
                .from("12333").dialing(target -> AgiStandIn.DialOutcome.answered(20)).start();

        AgentStore.AgentRow onCall = fixture.awaitState(ringing.agent, AgentState.ON_CALL);
        assertThat(onCall.callId()).isEqualTo(Callbacks.WORK_PREFIX + ringing.callbackId);
        call.awaitEnd();
        clock.advance(properties.callbackRingTimeout().plus(CallbackRings.NO_WORD_MARGIN));
        try {
            timers.tick();
            assertThat(fixture.state(ringing.agent)).isEqualTo(AgentState.ON_CALL); // not released under them
        } finally {
            clock.reset();
        }
        ami.deviceState(RoutingFixture.endpoint(ringing.agent), "NOT_INUSE");
        fixture.awaitState(ringing.agent, AgentState.READY); // through WRAP_UP, none in this group
    }

    /** Waits until the callback is due again: its agent's change is stored first, then the callback's. */
    private Callbacks.Callback awaitDueAgain(long id) {
        return await().alias("callback " + id + " due again").until(() -> callbacks.find(id).orElseThrow(),
                c -> c.status() == Callbacks.Status.PENDING);
    }

    private record Ringing(String agent, long callbackId, Map<String, String> originate) {
    }

    /** A caller who pressed 1 for a callback, then an agent rung for it: RESERVED, their phone's Originate sent. */
    private Ringing callbackRingingAtAnAgent() {
        String group = fixture.group("callback");
        String agent = fixture.readyAgent(Map.of(group, 1));
        desk.pause(agent, PauseReason.MEAL);
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(group), a -> a.keys("1"));
        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.CALLBACK_REQUESTED);
        long id = callbacks.recent(50).stream().filter(c -> c.callId().equals(caller.callId())).findFirst()
                .orElseThrow().id();
        int originatesBefore = ami.actions("Originate").size();

        desk.ready(agent);

        assertThat(fixture.awaitState(agent, AgentState.RESERVED).callId()).isEqualTo(Callbacks.WORK_PREFIX + id);
        Map<String, String> originate = RoutingFixture.awaitOriginateTo(agent, originatesBefore);
        assertThat(originate.get("ChannelId")).startsWith(Callbacks.WORK_PREFIX + id + "-");
        await().alias("callback marked dialled").until(() -> callbacks.find(id).orElseThrow().status()
                == Callbacks.Status.DIALLED);
        return new Ringing(agent, id, originate);
    }
}
