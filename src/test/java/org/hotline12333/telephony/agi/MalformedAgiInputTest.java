package org.hotline12333.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallStarted;
import org.hotline12333.telephony.DigitRequest;
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

/** Garbage on the FastAGI port is refused once, clearly, while real calls go on. */
@HotlineTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedAgiInputTest {

    @Value("${local.agi.port}")
    int agiPort;

    @Autowired
    ScriptedCalls scripted;

    @Autowired
    RecordedEvents events;

    @Test
    void garbageInsteadOfAgiHeadersIsLoggedOnceAndClosedWithoutACallRecord(CapturedOutput output) throws IOException {
        SimulatedCall meanwhile = aCallInProgress();
        int callsBefore = events.ofType(CallStarted.class).size();

        String answer = sendAndReadUntilClosed("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer).isEmpty();
        assertThat(output.getOut()).containsOnlyOnce("Ignored a malformed AGI request from /127.0.0.1")
                .contains("no agi_channel, agi_uniqueid, agi_network_script (0 agi_ header(s) received)");
        assertThat(events.ofType(CallStarted.class)).hasSize(callsBefore);
        finish(meanwhile);
    }

    @Test
    void aTruncatedHeaderEndingInHalfALineIsLoggedOnceAndClosed(CapturedOutput output) throws IOException {
        SimulatedCall meanwhile = aCallInProgress();

        String answer = sendAndReadUntilClosed("agi_network: yes\nagi_network_script: scripted\nagi_chan");

        assertThat(answer).isEmpty();
        assertThat(output.getOut()).containsOnlyOnce("Ignored a malformed AGI request")
                .contains("no agi_channel, agi_uniqueid (2 agi_ header(s) received)");
        finish(meanwhile);
    }

    @Test
    void anUnreadableReplyFromAsteriskFailsThatCallOnlyAndHandsItToTheDialplan(CapturedOutput output) {
        SimulatedCall meanwhile = aCallInProgress();
        scripted.register("garbled", call -> {
            call.answer();
            call.getVariable("CALLERID(num)");
        });

        SimulatedCall garbled = AgiStandIn.call(agiPort).script("scripted?scenario=garbled")
                .replyWith("GET VARIABLE", "garbage from a confused proxy").start().awaitEnd();

        assertThat(garbled.commands()).containsExactly("ANSWER", "GET VARIABLE \"CALLERID(num)\"",
                "SET VARIABLE \"HOTLINE_STATUS\" \"FALLBACK\"");
        assertThat(output.getOut()).containsOnlyOnce(
                "Unexpected reply from Asterisk to 'GET VARIABLE \"CALLERID(num)\"': 'garbage from a confused proxy'");
        finish(meanwhile);
    }

    /** A call held in the middle of a Dial, to show it is not disturbed. */
    private SimulatedCall aCallInProgress() {
        scripted.register("steady", call -> {
            call.answer();
            call.dial("PJSIP/1001", java.time.Duration.ofSeconds(20), "");
            call.collectDigits("survey", DigitRequest.upTo(1, java.time.Duration.ofSeconds(5)));
        });
        SimulatedCall call = AgiStandIn.call(agiPort).script("scripted?scenario=steady").keys("1")
                .holdOn("EXEC \"Dial\"").start();
        return call.awaitHeld();
    }

    private void finish(SimulatedCall call) {
        call.release();
        call.awaitEnd();
        assertThat(call.commands()).contains("GET DATA \"hotline/survey\" 5000 1");
        assertThat(call.variables()).containsEntry("HOTLINE_STATUS", "DONE");
        CallStarted started = events.await(CallStarted.class, e -> e.uniqueId().equals(call.uniqueId()));
        assertThat(events.await(CallEnded.class, e -> e.callId().equals(started.callId())).reason())
                .isEqualTo("returned to the dialplan with HOTLINE_STATUS=DONE");
    }

    private String sendAndReadUntilClosed(String text) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", agiPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
