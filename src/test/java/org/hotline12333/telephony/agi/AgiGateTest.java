package org.hotline12333.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallStarted;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Attacks on the FastAGI port, over real sockets, while a real call goes on: a peer outside
 * {@code hotline.agi.allowed-peers} (127.0.0.2 here), 200 half-open connections, a request that never ends, an
 * endless line, endless headers. Each ends with the connection closed, its call slot free, and the real call served.
 */
@HotlineTest
@ExtendWith(OutputCaptureExtension.class)
class AgiGateTest {

    private static final String OUTSIDER = "127.0.0.2";
    /** Allowed by the test configuration, and not an Asterisk node. */
    private static final String ALLOWED_HOST = "127.0.0.3";

    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    FastAgiService agi;
    @Autowired
    ScriptedCalls scripted;
    @Autowired
    RecordedEvents events;
    @Autowired
    Alerts alerts;
    @Autowired
    TestClock clock;

    /**
     * Refusals are logged once a minute and alerted once an hour per address: each step starts a new hour. In the
     * past, so that nothing in the shared service remembers a time still to come once the clock is reset.
     */
    private static Instant hour = Instant.now().minus(Duration.ofDays(30));

    @BeforeEach
    void aNewHour() {
        nextHour();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void nextHour() {
        hour = hour.plus(Duration.ofHours(2));
        clock.set(hour);
    }

    @Test
    void aPeerOutsideTheAllowListIsClosedAtOnceCountedLoggedOnceAndRaisedAsAnAlert(CapturedOutput output) {
        SimulatedCall meanwhile = aCallInProgress();
        long refusedBefore = agi.gate().refusedPeers();
        int callsBefore = events.ofType(CallStarted.class).size();

        List<SimulatedCall> fakes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fakes.add(AgiStandIn.call(agiPort).fromAddress(OUTSIDER).script("agent?action=login").keys("8003#1003#")
                    .start());
        }
        fakes.forEach(SimulatedCall::awaitEnd);

        assertThat(fakes).allSatisfy(fake -> assertThat(fake.commands()).isEmpty());
        assertThat(agi.gate().refusedPeers()).isEqualTo(refusedBefore + 3);
        assertThat(events.ofType(CallStarted.class)).hasSize(callsBefore);
        assertThat(output.getOut()).containsOnlyOnce("Refused a FastAGI connection from 127.0.0.2: not in "
                + "hotline.agi.allowed-peers (127.0.0.1/32, 127.0.0.3/32, ::1/128)");
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts.open(200).stream()
                .anyMatch(a -> a.kind() == AlertKind.SECURITY && a.subject().equals("agi-peer " + OUTSIDER)));
        assertThat(alerts.open(200).stream().filter(a -> a.subject().equals("agi-peer " + OUTSIDER))).hasSize(1);
        finish(meanwhile);
    }

    @Test
    void halfOpenConnectionsAreClosedAtTheHeaderDeadlineAndFreeTheirSlots(CapturedOutput output) throws IOException {
        SimulatedCall meanwhile = aCallInProgress();
        int activeBefore = agi.activeCalls();
        long pendingRefusedBefore = agi.gate().refusedPending();
        List<Socket> halfOpen = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = connectFrom(ALLOWED_HOST);
                socket.getOutputStream().write("agi_network: yes\n".getBytes(StandardCharsets.UTF_8));
                halfOpen.add(socket);
            }
            // no more than max-pending-per-peer (100) of one address wait at once: the rest are closed at once
            await().atMost(Duration.ofSeconds(30)).until(() -> agi.gate().refusedPending() >= pendingRefusedBefore + 100);
            assertThat(agi.activeCalls()).isLessThanOrEqualTo(activeBefore + 100);

            // a real call from Asterisk is served during the attack
            scripted.register("quick", call -> call.answer());
            SimulatedCall during = AgiStandIn.call(agiPort).script("scripted?scenario=quick").start();
            assertThat(during.awaitEnd().commands()).startsWith("ANSWER");

            await().atMost(Duration.ofSeconds(60)).until(() -> agi.activeCalls() <= activeBefore);
            for (Socket socket : halfOpen) {
                assertThat(readUntilClosed(socket)).isEmpty();
            }
        } finally {
            for (Socket socket : halfOpen) {
                socket.close();
            }
        }
        assertThat(output.getOut()).containsOnlyOnce("Closed a FastAGI connection from 127.0.0.3: it sent no "
                + "complete request within 5000 ms");
        finish(meanwhile);
    }

    @Test
    void aRequestTrickledLineByLineIsCutAtTheDeadlineNotAfterItsLastLine(CapturedOutput output) throws Exception {
        long cutBefore = agi.gate().cutOff();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Socket socket = connectFrom(ALLOWED_HOST)) {
            OutputStream out = socket.getOutputStream();
            // a valid header line every 200 ms, never the blank line: only the deadline can end it
            trickle.scheduleAtFixedRate(() -> {
                try {
                    out.write("agi_network: yes\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    throw new IllegalStateException(closed);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);

            assertThat(readUntilClosed(socket)).isEmpty();
        } finally {
            trickle.shutdownNow();
        }
        assertThat(agi.gate().cutOff()).isGreaterThan(cutBefore);
        assertThat(output.getOut()).contains("sent no complete request within 5000 ms");
    }

    @Test
    void anEndlessLineOrEndlessHeadersCloseTheConnectionWithoutACall(CapturedOutput output) throws IOException {
        SimulatedCall meanwhile = aCallInProgress();
        int callsBefore = events.ofType(CallStarted.class).size();

        String longLine = "agi_network: yes\nagi_channel: " + "A".repeat(100_000) + "\n\n";
        assertThat(sendAndReadUntilClosed(longLine)).isEmpty();
        nextHour();
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            manyHeaders.append("agi_arg_").append(i).append(": x\n");
        }
        assertThat(sendAndReadUntilClosed(manyHeaders + "\n")).isEmpty();

        assertThat(events.ofType(CallStarted.class)).hasSize(callsBefore);
        assertThat(output.getOut()).contains("sent a line longer than 8192 bytes")
                .contains("sent more than 256 header lines")
                .doesNotContain("Ignored a malformed AGI request from /127.0.0.3");
        finish(meanwhile);
    }

    /** A call held in the middle of a Dial, to show it is not disturbed. */
    private SimulatedCall aCallInProgress() {
        scripted.register("steady", call -> {
            call.answer();
            call.dial("PJSIP/1001", Duration.ofSeconds(20), "");
            call.collectDigits("survey", DigitRequest.upTo(1, Duration.ofSeconds(5)));
        });
        return AgiStandIn.call(agiPort).script("scripted?scenario=steady").keys("1").holdOn("EXEC \"Dial\"").start()
                .awaitHeld();
    }

    private void finish(SimulatedCall call) {
        call.release();
        call.awaitEnd();
        assertThat(call.variables()).containsEntry("HOTLINE_STATUS", "DONE");
        CallStarted started = events.await(CallStarted.class, e -> e.uniqueId().equals(call.uniqueId()));
        assertThat(events.await(CallEnded.class, e -> e.callId().equals(started.callId())).reason())
                .isEqualTo("returned to the dialplan with HOTLINE_STATUS=DONE");
    }

    private Socket connectFrom(String address) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), agiPort, InetAddress.getByName(address), 0);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private String sendAndReadUntilClosed(String text) throws IOException {
        try (Socket socket = connectFrom(ALLOWED_HOST)) {
            try {
                socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            } catch (SocketException closedWhileSending) {
                return "";
            }
            return readUntilClosed(socket);
        }
    }

    /** What the service sends before it closes the connection (a reset counts as closed). */
    private static String readUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketException reset) {
            return "";
        }
    }
}
