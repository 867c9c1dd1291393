package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.EndedBy;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

/** Whole calls through the running service: the IVR's hand-over to routing, with the AGI/AMI stand-in as Asterisk. */
@HotlineTest
@ExtendWith(OutputCaptureExtension.class)
class RoutingCallsTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    RoutingAdmin admin;
    @Autowired
    AgentDesk desk;
    @Autowired
    CallRouting routing;
    @Autowired
    CallRecords records;
    @Autowired
    AgentStore store;
    @Autowired
    TestClock clock;
    @Autowired
    RecordedEvents events;

    RoutingFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new RoutingFixture(service);
    }

    @Test
    void aCallerIsPutThroughToAReadyAgentAndTheCallRecordSaysWhoAndWhy() {
        String pension = fixture.group("pension");
        String agent = fixture.readyAgent(Map.of(pension, 2));

        // a conversation of an hour on Asterisk's clock, none on the service's, which the test holds
        clock.set(Instant.now());
        RoutingFixture.Caller caller;
        try {
            caller = fixture.call(new RouteRequest(pension, null, 0, Map.of("idVerified", "true")),
                    a -> a.events(StandInAsterisk.ami()).dialing(endpoint -> AgiStandIn.DialOutcome.answered(3600)));
            assertThat(caller.result()).isEqualTo(new RoutingResult(RoutingResult.Outcome.TALKED, agent, true));
        } finally {
            clock.reset();
        }

        assertThat(caller.dialled()).containsExactly(RoutingFixture.endpoint(agent));
        assertThat(caller.session.commands()).contains("EXEC \"Dial\" \"" + RoutingFixture.endpoint(agent) + ",2,gt\"")
                .doesNotContain("GET VARIABLE \"ANSWEREDTIME\"");
        CallSummary.Routing routed = caller.record().routing();
        assertThat(routed.skillGroup()).isEqualTo(pension);
        assertThat(routed.agent()).isEqualTo(agent);
        assertThat(routed.chosenBy()).isEqualTo("GROUP");
        assertThat(routed.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(routed.callData()).containsEntry("idVerified", "true");
        assertThat(routed.queuedAt()).isNotNull();
        // talk time runs from the agent's answer as AMI reported it; Asterisk's ANSWEREDTIME (counted from the
        // caller's own answer: 3601 s here) plays no part
        assertThat(caller.session.variables()).containsEntry("ANSWEREDTIME", "3601");
        assertThat(routed.connectedAt()).isAfterOrEqualTo(routed.queuedAt());
        assertThat(Duration.between(routed.connectedAt(), routed.talkEndedAt())).isZero();
        assertThat(records.legs(caller.callId())).extracting(CallLegView::kind, CallLegView::agent, CallLegView::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CallLegView.Kind.AGENT, agent, "ANSWERED"));
        fixture.awaitState(agent, AgentState.READY); // wrap-up of 0 s in this group
    }

    @Test
    void aPostsCallerGoesToBWhenAIsPausedAndTheReasonIsOnTheCall() {
        String pension = fixture.group("pension");
        String a = fixture.readyAgent(Map.of(pension, 3));
        String b = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(a, PauseReason.MEAL);
        admin.putPost(new RoutingAdmin.PostSpec(fixture.prefix + "-desk", "desk", pension, a, b));

        RoutingFixture.Caller caller = fixture.call(new RouteRequest(pension, fixture.prefix + "-desk", 0, Map.of()),
                s -> s);

        assertThat(caller.result().agent()).isEqualTo(b);
        assertThat(caller.record().routing().chosenBy()).isEqualTo("POST_B");
        assertThat(caller.record().routing().choiceReason()).isEqualTo("B covering A (A paused: meal)");
    }

    @Test
    void aRingNoAnswerPausesTheAgentAndTheCallerKeepsTheirPlaceAtTheHead() {
        // held: on a busy machine the second caller's wait could pass callback-offer-after (300 ms) and end it there
        clock.set(Instant.now());
        try {
            String pension = fixture.group("pension");
            String silent = fixture.readyAgent(Map.of(pension, 3));
            // the agent who answers talks until the test hangs up: while they do, nobody can take the second caller
            RoutingFixture.Caller first = fixture.call(RouteRequest.toGroup(pension), a -> a.holdOn("EXEC \"Dial\"")
                    .events(StandInAsterisk.ami()).dialing(endpoint -> endpoint.equals(RoutingFixture.endpoint(silent))
                            ? AgiStandIn.DialOutcome.notAnswered("NOANSWER")
                            : AgiStandIn.DialOutcome.answeredUntilHungUp()));
            first.session.awaitHeld();
            RoutingFixture.Caller second = fixture.call(pension);
            second.awaitCommand("SET MUSIC ON");

            first.session.release();
            fixture.awaitState(silent, AgentState.PAUSED);
            first.awaitCommand("SET MUSIC ON");
            String next = fixture.readyAgent(Map.of(pension, 1));
            fixture.awaitState(next, AgentState.ON_CALL);
            String third = fixture.readyAgent(Map.of(pension, 1));

            assertThat(second.result().agent()).as("the second caller waited behind the first").isEqualTo(third);
            StandInAsterisk.ami().phoneHangsUp(await().until(() -> records.legs(first.callId()).stream()
                    .filter(l -> next.equals(l.agent())).map(CallLegView::channel).filter(Objects::nonNull)
                    .findFirst().orElse(null), Objects::nonNull));
            assertThat(first.result().agent()).isEqualTo(next);
            assertThat(first.dialled()).containsExactly(RoutingFixture.endpoint(silent), RoutingFixture.endpoint(next));
            assertThat(fixture.row(silent).pauseReason()).isEqualTo(PauseReason.NO_ANSWER);
            assertThat(records.legs(first.callId())).extracting(CallLegView::agent, CallLegView::outcome)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(silent, "NOANSWER"),
                            org.assertj.core.groups.Tuple.tuple(next, "ANSWERED"));
            first.session.awaitEnd(Duration.ofSeconds(30));
        } finally {
            clock.reset();
        }
    }

    @Test
    void aCallerWhoHangsUpWhileThePhoneRingsLeavesEveryAgentReadyAndIsRecordedAsAbandonedWhileRinging(
            CapturedOutput output) {
        String pension = fixture.group("pension");
        String first = fixture.readyAgent(Map.of(pension, 3));
        String second = fixture.readyAgent(Map.of(pension, 1));
        java.time.Instant before = java.time.Instant.now();

        // trace T3: Dial returns -1 with DIALSTATUS CANCEL, then Asterisk sends HANGUP
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(pension),
                a -> a.events(StandInAsterisk.ami()).dialing(endpoint -> AgiStandIn.DialOutcome.callerHangsUpWhileRinging(5)));

        assertThat(caller.result()).isEqualTo(new RoutingResult(RoutingResult.Outcome.ABANDONED, null, false));
        caller.session.awaitEnd();
        assertThat(caller.dialled()).containsExactly(RoutingFixture.endpoint(first));
        assertThat(caller.session.commands()).endsWith("EXEC \"Dial\" \"" + RoutingFixture.endpoint(first) + ",2,gt\"",
                "GET VARIABLE \"DIALSTATUS\"");
        assertThat(caller.session.transcript()).containsSubsequence("A> 200 result=-1", "A> HANGUP",
                "S> GET VARIABLE \"DIALSTATUS\"", "A> 200 result=1 (CANCEL)");
        assertThat(fixture.awaitState(first, AgentState.READY).pauseReason()).isNull();
        assertThat(fixture.state(second)).isEqualTo(AgentState.READY);
        assertThat(store.history(first, before, java.time.Instant.now().plusSeconds(1)))
                .extracting(AgentStore.StateChange::to).containsExactly(AgentState.RESERVED, AgentState.READY);
        assertThat(store.history(second, before, java.time.Instant.now().plusSeconds(1))).isEmpty();

        CallSummary record = caller.record();
        assertThat(record.routing().outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(record.routing().agent()).isNull();
        assertThat(record.routing().waitTime()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(record.endedBy()).isEqualTo(EndedBy.CALLER);
        assertThat(record.endReason()).isEqualTo("caller hung up while " + RoutingFixture.endpoint(first) + " rang");
        assertThat(records.legs(caller.callId())).extracting(CallLegView::agent, CallLegView::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first, "CALLER_HUNG_UP"));
        assertThat(output.getOut()).contains("on call " + caller.callId() + " hung up after waiting")
                .contains("while agent " + first + "'s phone rang (seen by AGI: Dial CANCEL)")
                .doesNotContain("Agent " + first + " did not answer");
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsRecordedAsAbandonedAssoonAsAmiTellsIt(CapturedOutput output) {
        String pension = fixture.group("pension");
        String busy = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(busy, PauseReason.MEETING);
        RoutingFixture.Caller caller = fixture.call(pension);
        caller.awaitCommand("SET MUSIC ON");

        StandInAsterisk.ami().hangup(caller.session.uniqueId(), 16, "Normal Clearing");

        assertThat(caller.result()).isEqualTo(new RoutingResult(RoutingResult.Outcome.ABANDONED, null, false));
        CallSummary.Routing routed = caller.record().routing();
        assertThat(routed.outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(routed.waitTime()).isNotNull().isPositive();
        assertThat(output.getOut()).contains("on call " + caller.callId() + " hung up after waiting")
                .contains("(seen by AMI)");
    }

    @Test
    void aCallerWhoHangsUpUnseenByAmiIsFoundByTheProbe(CapturedOutput output) {
        String pension = fixture.group("pension");
        String busy = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(busy, PauseReason.MEETING);
        RoutingFixture.Caller caller = fixture.call(pension);
        caller.awaitCommand("SET MUSIC ON");

        caller.session.hangUpNow();

        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.ABANDONED);
        assertThat(caller.record().routing().outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(output.getOut()).contains("on call " + caller.callId() + " hung up after waiting")
                .contains("(seen by AGI)");
    }

    @Test
    void aCallerWhoHangsUpJustAsAnAgentIsOfferedGivesTheAgentBack() {
        String pension = fixture.group("pension");
        String agent = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(agent, PauseReason.MEETING);
        // gone as the music starts, unseen by AMI; the agent comes back before the probe notices
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(pension), a -> a.hangUpDuring("SET MUSIC ON"));
        caller.awaitCommand("SET MUSIC ON");

        desk.ready(agent);

        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.ABANDONED);
        assertThat(fixture.awaitState(agent, AgentState.READY).state()).isEqualTo(AgentState.READY);
        assertThat(caller.session.commands()).noneMatch(command -> command.startsWith("EXEC \"Dial\""));
    }

    @Test
    void nobodyLoggedInForTheGroupOrItsOverflowMeansNotServedAtOnce() {
        String pension = fixture.group("pension");
        fixture.agent(Map.of(pension, 1));

        RoutingFixture.Caller caller = fixture.call(pension);

        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.NOT_SERVED);
        assertThat(caller.record().routing().outcome()).isEqualTo(CallOutcome.NOT_SERVED);
        assertThat(caller.dialled()).isEmpty();
    }

    @Test
    void waitingCallersHearMusicTheirPositionAndAnHonestWait() {
        String pension = fixture.group("pension");
        String busy = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(busy, PauseReason.TRAINING);
        RoutingFixture.Caller first = fixture.call(pension);
        first.awaitCommand("SET MUSIC ON");
        RoutingFixture.Caller second = fixture.call(pension);
        second.awaitCommand("STREAM FILE \"hotline/queue-minutes\"");
        second.awaitCommand("SET MUSIC ON");

        // numbers read in Mandarin from the hotline's own prompts: 第二位, 六分钟
        assertThat(second.session.commands()).containsSubsequence("STREAM FILE \"hotline/queue-please-hold\" \"\"",
                "STREAM FILE \"hotline/queue-position\" \"\"", "STREAM FILE \"hotline/num-2\" \"\"",
                "STREAM FILE \"hotline/queue-position-unit\" \"\"");
        // nobody serving the group: the estimate counts one agent and the default 180 s handle time, twice
        assertThat(second.session.commands()).containsSubsequence("STREAM FILE \"hotline/queue-wait-minutes\" \"\"",
                "STREAM FILE \"hotline/num-6\" \"\"", "STREAM FILE \"hotline/queue-minutes\" \"\"");
        desk.ready(busy);
        assertThat(first.result().agent()).isEqualTo(busy);
    }

    @Test
    void aRepeatCallerIsOfferedFirstToTheAgentWhoTalkedToThemLast() {
        String pension = fixture.group("pension");
        String before = fixture.readyAgent(Map.of(pension, 1));
        RoutingFixture.Caller earlier = fixture.call(RouteRequest.toGroup(pension), a -> a.from("13712340001"));
        assertThat(earlier.result().agent()).isEqualTo(before);
        String better = fixture.readyAgent(Map.of(pension, 3));
        fixture.awaitState(before, AgentState.READY);

        RoutingFixture.Caller again = fixture.call(RouteRequest.toGroup(pension), a -> a.from("13712340001"));

        assertThat(again.result().agent()).isEqualTo(before);
        assertThat(again.record().routing().chosenBy()).isEqualTo("FIRST_ASKER");
        RoutingFixture.Caller stranger = fixture.call(RouteRequest.toGroup(pension), a -> a.from("13712340002"));
        assertThat(stranger.result().agent()).isIn(better, before);
    }

    @Test
    void aCallerOverflowsToAnotherGroupAfterWaitingHavingHeardThePleaseHoldFirst() {
        String general = fixture.group("general");
        String pension = fixture.group("pension", Duration.ofSeconds(60), List.of(general));
        String pensionAgent = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(pensionAgent, PauseReason.BREAK);
        String generalAgent = fixture.readyAgent(Map.of(general, 1));
        clock.set(Instant.now()); // the overflow is due on this clock, which only the test moves
        try {
            RoutingFixture.Caller caller = fixture.call(pension);
            events.await(CallQueued.class, queued -> queued.callId().equals(caller.callId()));
            assertThat(fixture.state(generalAgent)).as("no overflow before its time").isEqualTo(AgentState.READY);

            // the overflow is due now, however far the caller's session has got: it is put through only after
            // hearing that it has to wait
            clock.advance(Duration.ofSeconds(60));

            assertThat(caller.result().agent()).isEqualTo(generalAgent);
            assertThat(caller.record().routing().chosenBy()).isEqualTo("OVERFLOW");
            assertThat(caller.record().routing().choiceReason()).isEqualTo("overflow from " + pension + " to " + general);
            assertThat(caller.session.commands()).containsSubsequence("STREAM FILE \"hotline/queue-please-hold\" \"\"",
                    "EXEC \"Dial\" \"" + RoutingFixture.endpoint(generalAgent) + ",2,gt\"");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aCallerWhoCannotBePutThroughAtOnceHearsThePleaseHoldBeforeAnyAgentIsDialled() {
        String general = fixture.group("general");
        // overflow at once: the general agent is free for the caller from the first routing tick on, which may come
        // before or after their session has started announcing
        String pension = fixture.group("pension", Duration.ZERO, List.of(general));
        String pensionAgent = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(pensionAgent, PauseReason.BREAK);
        String generalAgent = fixture.readyAgent(Map.of(general, 1));

        RoutingFixture.Caller caller = fixture.call(pension);

        assertThat(caller.result().agent()).isEqualTo(generalAgent);
        assertThat(caller.session.commands()).containsSubsequence("STREAM FILE \"hotline/queue-please-hold\" \"\"",
                "EXEC \"Dial\" \"" + RoutingFixture.endpoint(generalAgent) + ",2,gt\"");
    }
}
