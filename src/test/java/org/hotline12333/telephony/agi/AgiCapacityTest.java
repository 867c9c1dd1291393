package org.hotline12333.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.EndedBy;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.TroubledServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A service sized for two calls at once (and one overflow caller, {@link TroubledServiceTest}) shows what happens when
 * it is full.
 */
@TroubledServiceTest
@ExtendWith(OutputCaptureExtension.class)
class AgiCapacityTest {

    @Value("${local.agi.port}")
    int agiPort;

    @Autowired
    ScriptedCalls scripted;

    @Autowired
    RecordedEvents events;

    @Autowired
    FastAgiService agi;

    @Test
    void beyondCapacityCallersHearTheBusyMessageAndThenTheConnectionIsRefused(CapturedOutput output) {
        scripted.register("talking", call -> {
            call.answer();
            call.dial("PJSIP/1001", Duration.ofSeconds(20), "");
        });
        awaitNoCallRunning(); // calls of other test classes sharing this service, ended on their side, may still close
        SimulatedCall first = AgiStandIn.call(agiPort).script("scripted?scenario=talking").holdOn("EXEC").start().awaitHeld();
        SimulatedCall second = AgiStandIn.call(agiPort).script("scripted?scenario=talking").holdOn("EXEC").start().awaitHeld();

        SimulatedCall third = AgiStandIn.call(agiPort).script("scripted?scenario=talking")
                .holdOn("STREAM FILE").start().awaitHeld();
        SimulatedCall fourth = AgiStandIn.call(agiPort).script("scripted?scenario=talking").start().awaitEnd();

        assertThat(fourth.commands()).as("refused: Asterisk's AGI() fails and the dialplan falls back").isEmpty();
        assertThat(output.getOut()).contains("Call and overflow threads all busy: closed the AGI connection");

        third.release();
        third.awaitEnd();
        assertThat(third.commands()).containsExactly("ANSWER", "STREAM FILE \"hotline/system-busy\" \"\"",
                "SET VARIABLE \"HOTLINE_STATUS\" \"BUSY\"");
        CallEnded overflowed = endOf(third);
        assertThat(overflowed.endedBy()).isEqualTo(EndedBy.SERVICE);
        assertThat(overflowed.reason()).isEqualTo("service at capacity: busy message, handed to the dialplan");
        assertThat(output.getOut()).contains("All 2 call threads are busy");

        first.release();
        second.release();
        first.awaitEnd();
        second.awaitEnd();
        assertThat(first.variables()).containsEntry("HOTLINE_STATUS", "DONE");
        assertThat(second.variables()).containsEntry("HOTLINE_STATUS", "DONE");

        awaitNoCallRunning(); // Asterisk sees the connection closed just before the service's session returns
        SimulatedCall afterwards = AgiStandIn.call(agiPort).script("scripted?scenario=talking").start().awaitEnd();
        assertThat(afterwards.commands()).contains("EXEC \"Dial\" \"PJSIP/1001,20,\"");
    }

    private void awaitNoCallRunning() {
        await().alias("no call running").until(() -> agi.activeCalls() == 0);
    }

    private CallEnded endOf(SimulatedCall call) {
        CallStarted started = events.await(CallStarted.class, e -> e.uniqueId().equals(call.uniqueId()));
        return events.await(CallEnded.class, e -> e.callId().equals(started.callId()));
    }
}
