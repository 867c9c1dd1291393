package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.EndedBy;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.DialOutcome;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedCallers;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.hotline12333.testkit.TraceReplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The recorded calls of {@code ../shared/asterisk-traces} again, now through the running service: the shipped 12333
 * menu, the seed's agents 8001 and 8002 on phones 1001 and 1002 (post pension-desk-1: A and B), the caller doing what
 * the recorded caller did, the stand-ins answering as Asterisk did. The service must send the commands it sent then,
 * except where the recording shows what was wrong; there the fixed behaviour is asserted instead: ANSWEREDTIME is no
 * longer read, agent legs are dialled with {@code t} (tests ring for 2 s), nobody is dialled or paused for a caller
 * who hung up (T3), no command follows a Dial that says the caller is gone (T3, T4, X3), and the attended transfer
 * really happens (X2).
 */
@HotlineTest
class RecordedCallsTest {

    private static final Instant MONDAY_MORNING = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0,
            ZoneId.of("Asia/Shanghai")).toInstant();

    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    TestClock clock;
    @Autowired
    AgentDesk desk;
    @Autowired
    AgentStore store;
    @Autowired
    Transfers transfers;
    @Autowired
    CallRecords records;
    @Autowired
    RecordedEvents events;
    @Autowired
    Callbacks callbacks;

    final AmiStandIn ami = StandInAsterisk.ami();

    @BeforeEach
    void theFloorOnAMondayMorning() {
        clock.runFrom(MONDAY_MORNING);
        desk.ready("8001");
        desk.ready("8002");
    }

    @AfterEach
    void everyoneHome() {
        await().untilAsserted(() -> {
            for (String agent : List.of("8001", "8002")) {
                if (store.agent(agent).orElseThrow().state() != AgentState.LOGGED_OUT) {
                    desk.logout(agent);
                }
            }
        });
        clock.reset();
    }

    @Test
    void t1APensionCallerReachesThePostsAgentAAndRatesTheCall() {
        TraceReplay trace = TraceReplay.of("T1-agi.log");

        AgiStandIn.SimulatedCall call = replay(trace, "T1-agi.log");

        assertThat(commands(call)).containsExactlyElementsOf(asSentNow(trace.commands()));
        CallSummary record = recordOf(call);
        assertThat(record.routing().agent()).isEqualTo("8001");
        assertThat(record.routing().chosenBy()).isEqualTo("POST_A");
        assertThat(record.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
    }

    @Test
    void t2ACallerWhoHangsUpDuringTheMenuGetsNoFurtherCommand() {
        TraceReplay trace = TraceReplay.of("T2-agi.log");

        AgiStandIn.SimulatedCall call = replay(trace, "T2-agi.log");

        assertThat(commands(call)).containsExactlyElementsOf(asSentNow(trace.commands()));
        assertThat(recordOf(call).endedBy()).isEqualTo(EndedBy.CALLER);
    }

    @Test
    void t3ACallerWhoHangsUpWhileThePhoneRingsPausesNobodyAndIsAbandonedAfterTheirRealWait() {
        TraceReplay trace = TraceReplay.of("T3-agi.log");
        AgiStandIn standIn = RecordedCallers.of(trace, "T3-agi.log").holdOn("STREAM FILE \"hotline/transferring\"");
        AgiStandIn.SimulatedCall call = standIn.port(agiPort).events(ami).start();
        call.awaitHeld();
        clock.advance(Duration.ofMillis(5430)); // the "transferring" prompt: the caller is waiting already
        call.release();
        call.awaitEnd(Duration.ofSeconds(30));

        // the recording: Dial 1001 → -1, then 1002 dialled on the dead channel and both agents paused
        List<String> recorded = asSentNow(trace.commands());
        int firstStatus = recorded.indexOf("GET VARIABLE \"DIALSTATUS\"");
        assertThat(commands(call)).containsExactlyElementsOf(recorded.subList(0, firstStatus + 1));
        assertThat(store.agent("8001").orElseThrow()).satisfies(a -> {
            assertThat(a.state()).isEqualTo(AgentState.READY);
            assertThat(a.pauseReason()).isNull();
        });
        assertThat(store.agent("8002").orElseThrow().state()).isEqualTo(AgentState.READY);
        CallSummary record = recordOf(call);
        assertThat(record.routing().outcome()).isEqualTo(CallOutcome.ABANDONED);
        assertThat(record.routing().waitTime()).isGreaterThanOrEqualTo(Duration.ofMillis(5430));
        assertThat(record.endReason()).isEqualTo("caller hung up while PJSIP/1001 rang");
        assertThat(records.legs(record.id())).extracting(CallLegView::agent, CallLegView::outcome)
                .containsExactly(tuple("8001", "CALLER_HUNG_UP"));
    }

    @Test
    void t4APhoneRingingOutPausesItsAgentAndBCoversThenTheCallersHangUpEndsIt() {
        TraceReplay trace = TraceReplay.of("T4-agi.log");

        AgiStandIn.SimulatedCall call = replay(trace, "T4-agi.log");

        List<String> expected = asSentNow(trace.commands());
        assertThat(commands(call)).containsExactlyElementsOf(expected.subList(0, expected.size() - 1)); // no ANSWER
        assertThat(store.agent("8001").orElseThrow().pauseReason()).isEqualTo(PauseReason.NO_ANSWER);
        CallSummary record = recordOf(call);
        assertThat(record.routing().agent()).isEqualTo("8002");
        assertThat(record.routing().chosenBy()).isEqualTo("POST_B");
        assertThat(record.routing().choiceReason()).isEqualTo("B covering A (A paused: no answer)");
        assertThat(record.routing().outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(record.endedBy()).isEqualTo(EndedBy.CALLER);
    }

    @Test
    void t5WithAOnABreakBOfThePostTakesThePensionCaller() {
        desk.pause("8001", PauseReason.BREAK);
        TraceReplay trace = TraceReplay.of("T5-agi.log");

        AgiStandIn.SimulatedCall call = replay(trace, "T5-agi.log");

        assertThat(commands(call)).containsExactlyElementsOf(asSentNow(trace.commands()));
        CallSummary record = recordOf(call);
        assertThat(record.routing().agent()).isEqualTo("8002");
        assertThat(record.routing().choiceReason()).isEqualTo("B covering A (A paused: break)");
    }

    @Test
    void t6AfterTheOfferAKeyPressedDuringTheMusicBooksTheCallback() {
        desk.pause("8001", PauseReason.MEETING);
        desk.pause("8002", PauseReason.MEETING);
        TraceReplay trace = TraceReplay.of("T6-agi.log");
        AgiStandIn standIn = RecordedCallers.of(trace, "T6-agi.log").keyDuringMusic('1', "queue-callback-offer");

        AgiStandIn.SimulatedCall call = standIn.port(agiPort).events(ami).start().awaitEnd(Duration.ofSeconds(30));

        List<String> recorded = asSentNow(trace.commands());
        int held = recorded.indexOf("STREAM FILE \"hotline/queue-please-hold\" \"\"");
        assertThat(commands(call)).startsWith(recorded.subList(0, held + 1).toArray(String[]::new));
        assertThat(call.transcript()).containsSubsequence("S> STREAM FILE \"hotline/queue-callback-offer\" \"1\"",
                "S> SET MUSIC ON \"default\"", "A> 200 result=49", "S> STREAM FILE \"hotline/queue-callback-confirmed\" \"\"");
        CallSummary record = recordOf(call);
        assertThat(record.routing().outcome()).isEqualTo(CallOutcome.CALLBACK_REQUESTED);
        assertThat(callbacks.recent(20)).anyMatch(c -> c.callId().equals(record.id()));
    }

    @Test
    void x1ABlindTransferFromAToB() {
        TraceReplay trace = TraceReplay.of("X1-agi.log");
        AgiStandIn standIn = RecordedCallers.of(trace, "X1-agi.log")
                .dialing(e -> e.equals("PJSIP/1001") ? DialOutcome.answeredUntilHungUp() : DialOutcome.answered(8));
        AgiStandIn.SimulatedCall call = standIn.port(agiPort).events(ami).start();
        awaitOnCallWithChannel("8001");

        transfers.blind("8001", new Transfers.Target("8002", null, null));

        call.awaitEnd(Duration.ofSeconds(30));
        assertThat(commands(call)).containsExactlyElementsOf(asSentNow(trace.commands()));
        CallSummary record = recordOf(call);
        assertThat(record.routing().agent()).isEqualTo("8002");
        assertThat(record.routing().choiceReason()).startsWith("blind transfer from 8001");
        assertThat(record.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
    }

    @Test
    void x2AnAttendedTransferNowReallyHappensAndTheRecordFollowsAsterisk() {
        TraceReplay trace = TraceReplay.of("X2-agi.log");
        AgiStandIn standIn = RecordedCallers.of(trace, "X2-agi.log")
                .dialing(e -> DialOutcome.answeredUntilHungUp());
        AgiStandIn.SimulatedCall call = standIn.port(agiPort).events(ami).start();
        awaitOnCallWithChannel("8001");

        assertThat(transfers.attended("8001", new Transfers.Target("8002", null, null))).isEqualTo("8002");
        await().until(() -> store.agent("8002").orElseThrow().state() == AgentState.ON_CALL); // 1002 answered
        transfers.complete("8001");
        String callId = callIdOf(call);
        await().until(() -> "8002".equals(records.find(callId).orElseThrow().routing().agent()));
        ami.phoneHangsUp(records.legs(callId).stream().filter(l -> "8002".equals(l.agent())).findFirst().orElseThrow()
                .channel()); // 1002 hangs up: the caller's Dial, in progress throughout, ends → the survey

        call.awaitEnd(Duration.ofSeconds(30));
        assertThat(commands(call)).containsExactlyElementsOf(asSentNow(trace.commands()));
        CallSummary record = recordOf(call);
        assertThat(record.routing().chosenBy()).isEqualTo("TRANSFER");
        assertThat(record.routing().choiceReason()).isEqualTo("attended transfer from 8001");
        assertThat(records.legs(callId)).extracting(CallLegView::kind, CallLegView::agent, CallLegView::outcome)
                .containsExactly(tuple(CallLegView.Kind.AGENT, "8001", "TRANSFERRED"),
                        tuple(CallLegView.Kind.TRANSFER, "8002", "ANSWERED"));
        assertThat(ami.actions("Atxfer")).last().satisfies(a -> assertThat(a)
                .containsEntry("Context", "hotline-internal").containsEntry("Exten", "1002"));
    }

    @Test
    void x3AThreeWayCallRingsTheExtensionAndTheCallersHangUpEndsIt() {
        TraceReplay trace = TraceReplay.of("X3-agi.log");
        AgiStandIn standIn = RecordedCallers.of(trace, "X3-agi.log").holdOn("EXEC \"Dial\"");
        AgiStandIn.SimulatedCall call = standIn.port(agiPort).events(ami).start();
        call.awaitHeld();
        awaitOnCallWithChannel("8001");
        int originates = ami.actions("Originate").size();

        transfers.threeWay("8001", "1003", null);
        call.release();

        call.awaitEnd(Duration.ofSeconds(30));
        List<String> expected = asSentNow(trace.commands());
        assertThat(commands(call)).containsExactlyElementsOf(expected.subList(0, expected.size() - 1)); // no ANSWER
        assertThat(ami.actions("Originate").get(originates)).containsEntry("Channel", "Local/1003@hotline-internal")
                .containsEntry("Application", "ChanSpy").containsEntry("Data", call.channel() + ",qEB");
        assertThat(recordOf(call).routing().agent()).isEqualTo("8001");
    }

    private AgiStandIn.SimulatedCall replay(TraceReplay trace, String file) {
        return RecordedCallers.of(trace, file).port(agiPort).events(ami).start().awaitEnd(Duration.ofSeconds(30));
    }

    private void awaitOnCallWithChannel(String agent) {
        await().until(() -> {
            AgentStore.AgentRow row = store.agent(agent).orElseThrow();
            return row.state() == AgentState.ON_CALL && records.legs(row.callId()).stream()
                    .anyMatch(l -> agent.equals(l.agent()) && l.channel() != null);
        });
    }

    private String callIdOf(AgiStandIn.SimulatedCall call) {
        return events.await(CallStarted.class, e -> e.uniqueId().equals(call.uniqueId())).callId();
    }

    private CallSummary recordOf(AgiStandIn.SimulatedCall call) {
        String callId = callIdOf(call);
        return await().until(() -> records.find(callId).orElseThrow(), r -> !r.open());
    }

    /** The commands the service sent, with this call's day and id taken out of the recording's file names. */
    private static List<String> commands(AgiStandIn.SimulatedCall call) {
        return call.commands().stream().map(RecordedCallsTest::withoutCallFiles).toList();
    }

    /**
     * What the service sent in the recording, as it sends it now: ANSWEREDTIME is no longer read (it counts from the
     * caller's own answer), agent legs are dialled with t, not T, and the tests' phones ring for 2 s, not 15.
     */
    private static List<String> asSentNow(List<String> recorded) {
        return recorded.stream().filter(c -> !c.equals("GET VARIABLE \"ANSWEREDTIME\""))
                .map(c -> c.replaceAll("^(EXEC \"Dial\" \"PJSIP/\\d+),15,gT\"$", "$1,2,gt\""))
                .map(RecordedCallsTest::withoutCallFiles).toList();
    }

    private static String withoutCallFiles(String command) {
        return command.replaceAll("/\\d{4}/\\d{2}/\\d{2}/central/[0-9a-f-]{36}", "/<day>/central/<call>");
    }
}
