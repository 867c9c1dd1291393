package org.hotline12333.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.EndedBy;
import org.hotline12333.telephony.DialResult;
import org.hotline12333.telephony.DialStatus;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.telephony.Digits;
import org.hotline12333.telephony.RecordingFiles;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Whole calls through the running service's FastAGI server, with the AGI stand-in playing Asterisk. */
@HotlineTest
@ExtendWith(OutputCaptureExtension.class)
class AgiSessionTest {

    @Value("${local.agi.port}")
    int agiPort;

    @Autowired
    ScriptedCalls scripted;

    @Autowired
    CallRecords calls;

    @Autowired
    RecordedEvents events;

    @Test
    void aWholeSessionRunsEveryCommandAndLeavesAClosedCallRecord() {
        List<Object> results = new CopyOnWriteArrayList<>();
        scripted.register("dozen", call -> {
            call.answer();
            results.add(call.play("welcome", "0123456789"));
            results.add(call.collectDigits("enter-pin", DigitRequest.upTo(4, Duration.ofSeconds(5))));
            call.sayDigits("12333", "");
            call.sayNumber(42, "");
            call.setVariable("HOTLINE_TOPIC", "pension");
            results.add(call.getVariable("HOTLINE_TOPIC"));
            results.add(call.getVariable("NOT_SET"));
            call.startRecording(new RecordingFiles("/rec/m.wav", "/rec/c.wav", "/rec/o.wav"));
            call.startMusicOnHold("default");
            call.stopMusicOnHold();
            results.add(call.dial("PJSIP/1001", Duration.ofSeconds(20), "t"));
            call.stopRecording();
            results.add(call.collectDigits("survey", new DigitRequest(Duration.ofSeconds(3), 1, '*')));
            call.hangup();
        });

        SimulatedCall session = AgiStandIn.call(agiPort).script("scripted?scenario=dozen").from("13912345678")
                .keys("1").keys("2345").keys("3").start().awaitEnd();

        assertThat(session.commands()).containsExactly(
                "ANSWER",
                "STREAM FILE \"hotline/welcome\" \"0123456789\"",
                "GET DATA \"hotline/enter-pin\" 5000 4",
                "SAY DIGITS \"12333\" \"\"",
                "SAY NUMBER \"42\" \"\"",
                "SET VARIABLE \"HOTLINE_TOPIC\" \"pension\"",
                "GET VARIABLE \"HOTLINE_TOPIC\"",
                "GET VARIABLE \"NOT_SET\"",
                "EXEC \"MixMonitor\" \"/rec/m.wav,r(/rec/c.wav)t(/rec/o.wav)\"",
                "SET MUSIC ON \"default\"",
                "SET MUSIC OFF",
                "EXEC \"Dial\" \"PJSIP/1001,20,t\"",
                "GET VARIABLE \"DIALSTATUS\"",
                "EXEC \"StopMixMonitor\" \"\"",
                "STREAM FILE \"hotline/survey\" \"0123456789*#\"",
                "HANGUP");
        assertThat(results).containsExactly(Optional.of('1'), new Digits("2345", false), "pension", null,
                new DialResult(DialStatus.ANSWER, false), new Digits("3", false));

        CallStarted started = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId()));
        CallEnded ended = events.await(CallEnded.class, e -> e.callId().equals(started.callId()));
        assertThat(ended.endedBy()).isEqualTo(EndedBy.SERVICE);
        CallSummary call = calls.find(started.callId()).orElseThrow();
        assertThat(call.node()).isEqualTo("central");
        assertThat(call.channel()).isEqualTo(session.channel());
        assertThat(call.callerNumber()).isEqualTo("13912345678");
        assertThat(call.dialledNumber()).isEqualTo("12333");
        assertThat(call.script()).isEqualTo("scripted");
        assertThat(call.open()).isFalse();
        assertThat(call.endedBy()).isEqualTo(EndedBy.SERVICE);
        assertThat(call.endReason()).isEqualTo("hung up by the service");
        assertThat(call.endedAt()).isAfterOrEqualTo(call.startedAt());
    }

    @Test
    void aCallerHangingUpMidCommandEndsTheSessionWithoutAnotherCommand(CapturedOutput output) {
        List<String> reached = new CopyOnWriteArrayList<>();
        scripted.register("menu", call -> {
            call.answer();
            Digits choice = call.collectDigits("main-menu", DigitRequest.upTo(1, Duration.ofSeconds(5)));
            reached.add("collected '" + choice.digits() + "'");
            call.play("you-chose", "");
            reached.add("played after hang-up");
        });

        SimulatedCall session = AgiStandIn.call(agiPort).script("scripted?scenario=menu")
                .hangUpDuring("GET DATA").start().awaitEnd();

        // as Asterisk 22 (trace T2): GET DATA ends with -1, the bare HANGUP line follows, the next prompt gets 511
        assertThat(session.transcript()).containsSubsequence("S> GET DATA \"hotline/main-menu\" 5000 1",
                "A> 200 result=-1", "A> HANGUP", "S> STREAM FILE \"hotline/you-chose\" \"\"",
                "A> 511 Command Not Permitted on a dead channel or intercept routine");
        assertThat(session.commands()).hasSize(3);
        assertThat(reached).containsExactly("collected ''");
        CallSummary call = callOf(session);
        assertThat(call.endedBy()).isEqualTo(EndedBy.CALLER);
        assertThat(call.endReason()).isEqualTo("caller hung up");
        assertThat(output.getOut()).doesNotContain("AgiHangupException").doesNotContain("CallGoneException");
    }

    @Test
    void aDeadConnectionClosesTheCallRecordAsLost() {
        scripted.register("long", call -> {
            call.answer();
            call.play("welcome", "");
            call.play("main-menu", "");
        });

        SimulatedCall session = AgiStandIn.call(agiPort).script("scripted?scenario=long")
                .dropConnectionOn("STREAM FILE \"hotline/main-menu\"").start().awaitEnd();

        CallSummary call = callOf(session);
        assertThat(call.endedBy()).isEqualTo(EndedBy.CONNECTION_LOST);
        assertThat(call.endReason()).startsWith("connection to Asterisk");
    }

    @Test
    void aScriptWithoutHandlerIsHandedBackToTheDialplanAndTheNumberIsMaskedInTheLog(CapturedOutput output) {
        SimulatedCall session = AgiStandIn.call(agiPort).script("no-such-menu?x=1").from("13700001111")
                .start().awaitEnd();

        assertThat(session.variables()).containsEntry("HOTLINE_STATUS", "FALLBACK");
        CallSummary call = callOf(session);
        assertThat(call.endedBy()).isEqualTo(EndedBy.SERVICE);
        assertThat(call.endReason()).contains("no handler for script 'no-such-menu'");
        assertThat(output.getOut()).contains("No handler for AGI script 'no-such-menu'")
                .contains("137****1111").doesNotContain("13700001111");
    }

    @Test
    void aFailingHandlerHandsTheCallerToTheDialplanFallback(CapturedOutput output) {
        scripted.register("broken", call -> {
            call.answer();
            throw new IllegalStateException("bug in a handler");
        });

        SimulatedCall session = AgiStandIn.call(agiPort).script("scripted?scenario=broken").start().awaitEnd();

        assertThat(session.commands()).containsExactly("ANSWER", "SET VARIABLE \"HOTLINE_STATUS\" \"FALLBACK\"");
        CallSummary call = callOf(session);
        assertThat(call.endedBy()).isEqualTo(EndedBy.SERVICE);
        assertThat(call.endReason()).contains("handler failed");
        assertThat(output.getOut()).containsOnlyOnce("Handler 'scripted' failed on call " + call.id());
    }

    @Test
    void aHandlerReturningNormallyTellsTheDialplanItIsDone() {
        scripted.register("quick", call -> call.play("goodbye", ""));

        SimulatedCall session = AgiStandIn.call(agiPort).script("scripted?scenario=quick").start().awaitEnd();

        assertThat(session.variables()).containsEntry("HOTLINE_STATUS", "DONE");
        assertThat(callOf(session).endReason()).isEqualTo("returned to the dialplan with HOTLINE_STATUS=DONE");
    }

    private CallSummary callOf(SimulatedCall session) {
        CallStarted started = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId()));
        events.await(CallEnded.class, e -> e.callId().equals(started.callId()));
        return calls.find(started.callId()).orElseThrow();
    }
}
