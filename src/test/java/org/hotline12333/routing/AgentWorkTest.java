package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/** Callbacks, transfers, three-way calls, agents' state history and phones: through the running service. */
@HotlineTest
class AgentWorkTest {

    @Autowired
    ApplicationContext service;
    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    AgentDesk desk;
    @Autowired
    AgentStore store;
    @Autowired
    CallRouting routing;
    @Autowired
    RecordedEvents events;
    @Autowired
    CallRecords records;
    @Autowired
    Callbacks callbacks;
    @Autowired
    Transfers transfers;
    @Autowired
    StaffPhones phones;
    @Autowired
    TestClock clock;

    RoutingFixture fixture;
    final AmiStandIn ami = StandInAsterisk.ami();

    @BeforeEach
    void fixture() {
        fixture = new RoutingFixture(service);
    }

    @Test
    void callbacksAreStillDialledAfterTheClockWasSetBack() {
        String pension = fixture.group("pension");
        String agent = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(agent, PauseReason.MEAL);
        try {
            clock.set(Instant.now().plus(Duration.ofDays(365))); // a year ahead, then back: as NTP or a test may
            callbacks.dialDue();
        } finally {
            clock.reset();
        }
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(pension), a -> a.from("13612340001").keys("1"));
        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.CALLBACK_REQUESTED);

        int originatesBefore = ami.actions("Originate").size();

        desk.ready(agent);

        assertThat(fixture.awaitState(agent, AgentState.RESERVED).callId()).startsWith("callback-");
        // the phone rings out: no callback is left ringing after the test
        ami.originateFails(RoutingFixture.awaitOriginateTo(agent, originatesBefore), 3);
        fixture.awaitState(agent, AgentState.PAUSED);
    }

    @Test
    void aCallerWhoPressesOneIsCalledBackLaterThroughTheAgentsPhoneFirst() {
        String pension = fixture.group("pension");
        String agent = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(agent, PauseReason.MEAL);
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(pension), a -> a.from("13612345678").keys("1"));

        assertThat(caller.result()).isEqualTo(new RoutingResult(RoutingResult.Outcome.CALLBACK_REQUESTED, null, false));
        // once the offer is made (after 300 ms here), 1 is heard during any announcement
        assertThat(caller.session.played()).endsWith("hotline/queue-callback-confirmed");
        assertThat(caller.session.exchanges()).anyMatch(e -> e.command().endsWith(" \"1\"")
                && e.reply().equals("200 result=49 endpos=3200"));
        assertThat(caller.record().routing().outcome()).isEqualTo(CallOutcome.CALLBACK_REQUESTED);
        Callbacks.Callback stored = callbacks.recent(50).stream().filter(c -> c.callId().equals(caller.callId()))
                .findFirst().orElseThrow();
        assertThat(stored.status()).isEqualTo(Callbacks.Status.PENDING);
        int originatesBefore = ami.actions("Originate").size();

        desk.ready(agent);

        AgentStore.AgentRow reserved = fixture.awaitState(agent, AgentState.RESERVED);
        assertThat(reserved.callId()).isEqualTo("callback-" + stored.id());
        Map<String, String> originate = awaitAction("Originate", originatesBefore);
        assertThat(originate).containsEntry("Channel", RoutingFixture.endpoint(agent))
                .containsEntry("Context", "hotline-outbound-call").containsEntry("Exten", "s")
                .containsEntry("CallerID", "12333");
        assertThat(originate.get("Variable")).contains("HOTLINE_OUTBOUND=callback?id=" + stored.id());
        await().alias("callback marked dialled").until(() -> callbacks.find(stored.id()).orElseThrow().status()
                == Callbacks.Status.DIALLED && !records.legs(caller.callId()).isEmpty());
        assertThat(records.legs(caller.callId())).extracting(CallLegView::kind, CallLegView::party, CallLegView::agent)
                .containsExactly(tuple(CallLegView.Kind.CALLBACK, "13612345678", agent));

        // the agent answers: the dialplan hands their call to the service, which records it and dials the caller
        AgiStandIn.SimulatedCall callback = AgiStandIn.call(agiPort).script("callback?id=" + stored.id())
                .from("12333").dialing(target -> AgiStandIn.DialOutcome.answered(40)).start();
        ami.deviceState(RoutingFixture.endpoint(agent), "INUSE");
        fixture.awaitState(agent, AgentState.ON_CALL);
        callback.awaitEnd();
        assertThat(callback.commands()).anySatisfy(c -> assertThat(c).startsWith("EXEC \"MixMonitor\""))
                .anySatisfy(c -> assertThat(c).startsWith("EXEC \"Dial\" \"Local/13612345678@hotline-outbound"));
        String callbackCall = events.await(CallStarted.class, e -> e.uniqueId().equals(callback.uniqueId())).callId();
        CallSummary made = await().atMost(Duration.ofSeconds(10)).until(() -> records.find(callbackCall).orElseThrow(),
                c -> !c.open());
        assertThat(made.outboundPurpose()).isEqualTo("CALLBACK");
        assertThat(made.callerNumber()).isEqualTo("13612345678");
        assertThat(made.routing().agent()).isEqualTo(agent);
        assertThat(records.legs(callbackCall)).extracting(CallLegView::kind, CallLegView::party, CallLegView::outcome)
                .containsExactly(tuple(CallLegView.Kind.CALLBACK, "13612345678", "ANSWER"));
        ami.deviceState(RoutingFixture.endpoint(agent), "NOT_INUSE");
        fixture.awaitState(agent, AgentState.READY); // through WRAP_UP, 0 s in this group
        assertThat(history(agent)).containsSubsequence(
                tuple(AgentState.READY, AgentState.RESERVED), tuple(AgentState.RESERVED, AgentState.ON_CALL),
                tuple(AgentState.ON_CALL, AgentState.WRAP_UP), tuple(AgentState.WRAP_UP, AgentState.READY));
    }

    @Test
    void afterTheOfferACallerMayPressOneWhileTheMusicPlays() {
        String pension = fixture.group("pension");
        String agent = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(agent, PauseReason.MEETING);

        // the key comes while the music plays, after the offer: Asterisk hands it over only to WAIT FOR DIGIT
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(pension),
                a -> a.from("13612345679").keyDuringMusic('1', "queue-callback-offer"));

        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.CALLBACK_REQUESTED);
        assertThat(caller.session.transcript()).containsSubsequence(
                "S> STREAM FILE \"hotline/queue-callback-offer\" \"1\"", "A> 200 result=0 endpos=16000",
                "S> SET MUSIC ON \"default\"", "A> 200 result=0", "A> 200 result=49",
                "S> STREAM FILE \"hotline/queue-callback-confirmed\" \"\"");
        assertThat(caller.session.commands()).filteredOn(c -> c.startsWith("WAIT FOR DIGIT")).isNotEmpty()
                .allSatisfy(c -> assertThat(Long.parseLong(c.substring("WAIT FOR DIGIT ".length()))).isBetween(1L, 1000L));
        assertThat(caller.session.lostKeys()).isEmpty();
        assertThat(callbacks.recent(50)).anyMatch(c -> c.callId().equals(caller.callId()));
    }

    @Test
    void aBlindTransferHangsUpTheFirstAgentAndPutsTheCallerThroughToTheTarget() {
        TransferScene scene = transferScene();
        String first = scene.first();
        String target = scene.target();
        RoutingFixture.Caller caller = callerOnHeldDial(scene, "PJSIP/a" + first + "-00000001");
        int hangupsBefore = ami.actions("Hangup").size();

        transfers.blind(first, new Transfers.Target(target, null, null));

        assertThat(awaitAction("Hangup", hangupsBefore)).containsEntry("Channel", "PJSIP/a" + first + "-00000001");
        caller.session.release();
        assertThat(caller.result().agent()).isEqualTo(target);
        assertThat(caller.dialled()).containsExactly(RoutingFixture.endpoint(first), RoutingFixture.endpoint(target));
        assertThat(caller.session.played()).contains("hotline/queue-transferring");
        assertThat(caller.record().routing().chosenBy()).isEqualTo("TRANSFER");
        assertThat(caller.record().routing().choiceReason()).startsWith("blind transfer from " + first);
        assertThat(records.legs(caller.callId())).extracting(CallLegView::kind, CallLegView::agent, CallLegView::outcome)
                .containsExactly(tuple(CallLegView.Kind.AGENT, first, "TRANSFERRED"),
                        tuple(CallLegView.Kind.TRANSFER, target, "ANSWERED"));
        fixture.awaitState(first, AgentState.READY);
    }

    @Test
    void anAttendedTransferConsultsTheTargetThenLeavesTheCallerWithThemWhenAsteriskSaysSo() {
        TransferScene scene = transferScene();
        String pension = scene.group();
        String first = scene.first();
        String target = scene.target();
        RoutingFixture.Caller caller = callerTalkingTo(scene);
        String firstChannel = agentChannelOnRecord(caller, first);
        int atxfersBefore = ami.actions("Atxfer").size();

        // returns once Asterisk has put the agent on hold and dialled the target, who answers
        assertThat(transfers.attended(first, new Transfers.Target(null, null, pension))).isEqualTo(target);

        assertThat(ami.actions("Atxfer").get(atxfersBefore)).containsEntry("Channel", firstChannel)
                .containsEntry("Context", "hotline-internal").containsEntry("Exten", "a" + target);
        fixture.awaitState(target, AgentState.ON_CALL);
        assertThat(caller.record().routing().agent()).as("nothing connected before Asterisk says so").isEqualTo(first);
        int hangupsBefore = ami.actions("Hangup").size();

        transfers.complete(first);

        assertThat(awaitAction("Hangup", hangupsBefore)).containsEntry("Channel", firstChannel);
        await().until(() -> target.equals(caller.record().routing().agent()));
        assertThat(caller.record().routing().chosenBy()).isEqualTo("TRANSFER");
        assertThat(caller.record().routing().choiceReason()).isEqualTo("attended transfer from " + first);
        assertThat(fixture.state(first)).isIn(AgentState.WRAP_UP, AgentState.READY);
        String targetChannel = records.legs(caller.callId()).stream().filter(l -> target.equals(l.agent()))
                .findFirst().orElseThrow().channel();
        assertThat(targetChannel).startsWith("PJSIP/a" + target + "-");

        ami.phoneHangsUp(targetChannel); // the caller's Dial, in progress throughout, ends

        assertThat(caller.result().agent()).isEqualTo(target);
        assertThat(caller.dialled()).containsExactly(RoutingFixture.endpoint(first));
        assertThat(records.legs(caller.callId())).extracting(CallLegView::kind, CallLegView::agent, CallLegView::outcome)
                .containsExactly(tuple(CallLegView.Kind.AGENT, first, "TRANSFERRED"),
                        tuple(CallLegView.Kind.TRANSFER, target, "ANSWERED"));
        fixture.awaitState(target, AgentState.READY);
    }

    @Test
    void aCancelledAttendedTransferGivesTheCallerBackToTheAgentAndFreesTheTarget() {
        TransferScene scene = transferScene();
        String first = scene.first();
        String target = scene.target();
        RoutingFixture.Caller caller = callerTalkingTo(scene);
        String firstChannel = agentChannelOnRecord(caller, first);
        transfers.attended(first, new Transfers.Target(target, null, null));

        transfers.cancel(first);

        assertThat(ami.actions("CancelAtxfer")).anySatisfy(a -> assertThat(a).containsEntry("Channel", firstChannel));
        fixture.awaitState(target, AgentState.READY);
        await().until(() -> records.legs(caller.callId()).stream().anyMatch(l -> "CANCELLED".equals(l.outcome())));
        assertThat(caller.record().routing().agent()).isEqualTo(first);
        assertThat(fixture.state(first)).isEqualTo(AgentState.ON_CALL);

        ami.phoneHangsUp(firstChannel);
        assertThat(caller.result().agent()).isEqualTo(first);
        assertThat(records.legs(caller.callId())).extracting(CallLegView::kind, CallLegView::agent, CallLegView::outcome)
                .containsExactly(tuple(CallLegView.Kind.AGENT, first, "ANSWERED"),
                        tuple(CallLegView.Kind.TRANSFER, target, "CANCELLED"));
    }

    @Test
    void anAttendedTransferAsteriskDoesNotStartIsReportedToTheAgentAtOnceAndRecordsNothing() {
        TransferScene scene = transferScene();
        String pension = scene.group();
        String first = scene.first();
        String target = scene.target();
        // trace X2: the agent's leg was dialled without option t, so Atxfer's keys go to the caller and nothing
        // else happens, though Asterisk answers Success
        RoutingFixture.Caller caller = callerOnHeldDial(scene, "PJSIP/a" + first + "-00000002");

        assertThatThrownBy(() -> transfers.attended(first, new Transfers.Target(null, null, pension)))
                .isInstanceOf(org.hotline12333.telephony.PbxActionException.class)
                .hasMessageContaining("did not start it within 5 s");

        assertThat(fixture.state(target)).isEqualTo(AgentState.READY);
        assertThat(fixture.state(first)).isEqualTo(AgentState.ON_CALL);
        assertThat(records.legs(caller.callId())).extracting(CallLegView::kind, CallLegView::agent, CallLegView::outcome)
                .containsExactly(tuple(CallLegView.Kind.AGENT, first, null),
                        tuple(CallLegView.Kind.TRANSFER, target, "FAILED"));
        assertThatThrownBy(() -> transfers.complete(first)).isInstanceOf(AgentDesk.NotNow.class);
        caller.session.release();
        assertThat(caller.result().agent()).isEqualTo(first);
        assertThat(caller.record().routing().agent()).isEqualTo(first);
    }

    @Test
    void aThreeWayCallRingsTheDepartmentAndBargesThemIntoTheConversation() {
        String pension = fixture.group("pension");
        String agent = fixture.readyAgent(Map.of(pension, 1));
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(pension), a -> a.holdOn("EXEC \"Dial\""));
        caller.session.awaitHeld();
        agentAnswers(caller, agent, "PJSIP/a" + agent + "-00000003");
        int originatesBefore = ami.actions("Originate").size();

        transfers.threeWay(agent, null, "02088886666");

        Map<String, String> originate = awaitAction("Originate", originatesBefore);
        assertThat(originate).containsEntry("Channel", "Local/02088886666@hotline-outbound")
                .containsEntry("Application", "ChanSpy").containsEntry("Data", caller.session.channel() + ",qEB");
        caller.session.release();
        assertThat(caller.result().agent()).isEqualTo(agent);
        assertThat(records.legs(caller.callId())).extracting(CallLegView::kind, CallLegView::party)
                .containsExactly(tuple(CallLegView.Kind.AGENT, RoutingFixture.endpoint(agent)),
                        tuple(CallLegView.Kind.THREE_WAY, "02088886666"));
    }

    @Test
    void everyStateAnAgentGoesThroughIsStoredInOrderAndPublished() {
        String pension = fixture.group("pension");
        String agent = fixture.agent(Map.of(pension, 1));
        Instant from = Instant.now().minusSeconds(1);

        desk.login(agent, null, null);
        RoutingFixture.Caller caller = fixture.call(pension);
        assertThat(caller.result().agent()).isEqualTo(agent);
        fixture.awaitState(agent, AgentState.READY);
        desk.pause(agent, PauseReason.MEAL);
        desk.ready(agent);
        desk.logout(agent);

        List<AgentStore.StateChange> history = store.history(agent, from, Instant.now().plusSeconds(1));
        assertThat(history).extracting(AgentStore.StateChange::from, AgentStore.StateChange::to).containsExactly(
                tuple(AgentState.LOGGED_OUT, AgentState.READY), tuple(AgentState.READY, AgentState.RESERVED),
                tuple(AgentState.RESERVED, AgentState.ON_CALL), tuple(AgentState.ON_CALL, AgentState.WRAP_UP),
                tuple(AgentState.WRAP_UP, AgentState.READY), tuple(AgentState.READY, AgentState.PAUSED),
                tuple(AgentState.PAUSED, AgentState.READY), tuple(AgentState.READY, AgentState.LOGGED_OUT));
        assertThat(history.get(1).callId()).isEqualTo(caller.callId());
        assertThat(history.get(5).pauseReason()).isEqualTo(PauseReason.MEAL);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).at()).isAfterOrEqualTo(history.get(i - 1).at());
        }
        assertThat(events.ofType(AgentStateChanged.class, e -> e.workNumber().equals(agent)))
                .extracting(AgentStateChanged::from, AgentStateChanged::to)
                .containsExactlyElementsOf(history.stream().map(h -> tuple(h.from(), h.to())).toList());
    }

    @Test
    void agentsUseFeatureCodesOnTheirPhone() {
        String pension = fixture.group("pension");
        String agent = fixture.agent(Map.of(pension, 1));
        String phone = "PJSIP/desk-" + agent;
        phones.add(StandInAsterisk.NODE, phone); // a hot desk: a staff phone nobody has as their own

        AgiStandIn.SimulatedCall wrongPin = featureCode("login", phone, agent + "#", "9999#", agent + "#", "0000#",
                agent + "#", "1111#");
        assertThat(wrongPin.played()).containsSubsequence("hotline/agent-enter-work-number", "hotline/agent-enter-pin",
                "hotline/agent-login-failed", "hotline/agent-login-failed", "hotline/agent-login-failed");
        assertThat(fixture.state(agent)).isEqualTo(AgentState.LOGGED_OUT);

        AgiStandIn.SimulatedCall login = featureCode("login", phone, agent + "#", "4321#");
        assertThat(login.played()).endsWith("hotline/agent-logged-in");
        assertThat(login.commands()).last().isEqualTo("HANGUP");
        assertThat(fixture.row(agent).state()).isEqualTo(AgentState.READY);
        assertThat(fixture.row(agent).endpoint()).isEqualTo(phone); // hot-desking: the agent answers here now

        featureCode("pause", phone, "2");
        assertThat(fixture.row(agent).pauseReason()).isEqualTo(PauseReason.MEAL);
        featureCode("ready", phone);
        assertThat(fixture.state(agent)).isEqualTo(AgentState.READY);
        featureCode("logout", phone);
        assertThat(fixture.state(agent)).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(featureCode("ready", "PJSIP/nobody-here").played()).containsExactly("hotline/agent-unknown-phone");
    }

    @Test
    void anAgentWhosePhoneBecomesUnreachableIsSetAsideAndComesBackWithIt() {
        String pension = fixture.group("pension");
        String agent = fixture.readyAgent(Map.of(pension, 1));

        ami.contactStatus("a" + agent, "Unreachable");
        AgentStore.AgentRow aside = fixture.awaitState(agent, AgentState.PAUSED);
        assertThat(aside.pauseReason()).isEqualTo(PauseReason.UNREACHABLE);
        assertThat(aside.reachable()).isFalse();
        RoutingFixture.Caller caller = fixture.call(pension);
        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.NOT_SERVED);

        ami.contactStatus("a" + agent, "Reachable");
        assertThat(fixture.awaitState(agent, AgentState.READY).reachable()).isTrue();
        ami.deviceState(RoutingFixture.endpoint(agent), "UNAVAILABLE");
        fixture.awaitState(agent, AgentState.PAUSED);
        ami.deviceState(RoutingFixture.endpoint(agent), "NOT_INUSE");
        fixture.awaitState(agent, AgentState.READY);
    }

    @Test
    void atEveryAmiLoginPhonesAreTakenAsAsteriskReportsThem() {
        String pension = fixture.group("pension");
        String neverRegistered = fixture.readyAgent(Map.of(pension, 3));
        String backAgain = fixture.readyAgent(Map.of(pension, 1));
        ami.contactStatus("a" + backAgain, "Unreachable");
        fixture.awaitState(backAgain, AgentState.PAUSED);
        // what Asterisk knows meanwhile, unannounced: one phone never registered, the other is back
        ami.phone(RoutingFixture.endpoint(neverRegistered), "UNAVAILABLE");
        ami.phone(RoutingFixture.endpoint(backAgain), "NOT_INUSE");
        int logins = ami.logins();

        ami.dropConnections(); // the service logs in again, as after an Asterisk restart, and asks DeviceStateList
        ami.awaitLogins(logins + 1);

        AgentStore.AgentRow aside = fixture.awaitState(neverRegistered, AgentState.PAUSED);
        assertThat(aside.pauseReason()).isEqualTo(PauseReason.UNREACHABLE);
        assertThat(aside.reachable()).isFalse();
        assertThat(fixture.awaitState(backAgain, AgentState.READY).reachable()).isTrue();
        assertThat(ami.actions("DeviceStateList")).hasSizeGreaterThan(0);
        RoutingFixture.Caller caller = fixture.call(pension);
        assertThat(caller.result().agent()).as("the better-skilled agent's phone is not there").isEqualTo(backAgain);

        ami.deviceState(RoutingFixture.endpoint(neverRegistered), "NOT_INUSE"); // the phone registers
        assertThat(fixture.awaitState(neverRegistered, AgentState.READY).reachable()).isTrue();
    }

    private AgiStandIn.SimulatedCall featureCode(String action, String phone, String... keys) {
        AgiStandIn call = AgiStandIn.call(agiPort).script("agent?action=" + action)
                .header("agi_channel", phone + "-0000007f").from(DialStrings.extension(phone));
        for (String k : keys) {
            call.keys(k);
        }
        return call.start().awaitEnd();
    }

    /** A group with two agents: the first takes the call, the target is on a break until the call is theirs. */
    private record TransferScene(String group, String first, String target) {
    }

    private TransferScene transferScene() {
        String pension = fixture.group("pension");
        String first = fixture.readyAgent(Map.of(pension, 3));
        String target = fixture.readyAgent(Map.of(pension, 1));
        desk.pause(target, PauseReason.BREAK);
        return new TransferScene(pension, first, target);
    }

    /** A caller talking with the scene's first agent (AMI events as Asterisk sends them), the target then READY. */
    private RoutingFixture.Caller callerTalkingTo(TransferScene scene) {
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(scene.group()),
                a -> a.events(ami).dialing(e -> AgiStandIn.DialOutcome.answeredUntilHungUp()));
        fixture.awaitState(scene.first(), AgentState.ON_CALL);
        desk.ready(scene.target());
        return caller;
    }

    /** A caller whose Dial is held while the scene's first agent talks (answered as AMI reports it by hand). */
    private RoutingFixture.Caller callerOnHeldDial(TransferScene scene, String agentChannel) {
        RoutingFixture.Caller caller = fixture.call(RouteRequest.toGroup(scene.group()), a -> a.holdOn("EXEC \"Dial\""));
        caller.session.awaitHeld();
        agentAnswers(caller, scene.first(), agentChannel);
        desk.ready(scene.target());
        return caller;
    }

    /** The agent's channel, once the call record has it from AMI (DialBegin) and the agent is ON_CALL. */
    private String agentChannelOnRecord(RoutingFixture.Caller caller, String agent) {
        fixture.awaitState(agent, AgentState.ON_CALL);
        return await().until(() -> records.legs(caller.callId()).stream().filter(l -> agent.equals(l.agent()))
                .map(CallLegView::channel).filter(java.util.Objects::nonNull).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    /** What Asterisk reports over AMI when the agent's phone rings and is answered. */
    private void agentAnswers(RoutingFixture.Caller caller, String agent, String agentChannel) {
        ami.dialBegin(caller.session.uniqueId(), caller.session.channel(), "1763999999." + agent, agentChannel,
                "a" + agent);
        ami.dialEnd(caller.session.uniqueId(), caller.session.channel(), "1763999999." + agent, agentChannel, "ANSWER");
        fixture.awaitState(agent, AgentState.ON_CALL);
        assertThat(caller.record().routing().agent()).as("the call record says who answered before the agent is ON_CALL")
                .isEqualTo(agent);
        await().alias("the agent leg's channel recorded").until(() -> records.legs(caller.callId()).stream()
                .anyMatch(l -> agentChannel.equals(l.channel())));
    }

    private Map<String, String> awaitAction(String name, int before) {
        return await().alias("a new " + name + " action").until(() -> ami.actions(name), a -> a.size() > before)
                .get(before);
    }

    private List<org.assertj.core.groups.Tuple> history(String agent) {
        return store.history(agent, Instant.now().minusSeconds(60), Instant.now().plusSeconds(1)).stream()
                .map(h -> tuple(h.from(), h.to())).toList();
    }
}
