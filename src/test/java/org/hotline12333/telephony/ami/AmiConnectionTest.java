package org.hotline12333.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.telephony.LiveChannel;
import org.hotline12333.telephony.LiveChannels;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.hotline12333.telephony.PbxEvent;
import org.hotline12333.telephony.RecordingFiles;
import org.hotline12333.telephony.SpyMode;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The AMI side against the AMI stand-in: login, events into the live picture, drops and resync, actions. */
@HotlineTest
@ExtendWith(OutputCaptureExtension.class)
class AmiConnectionTest {

    private static final String NODE = StandInAsterisk.NODE;

    @Autowired
    LiveChannels live;

    @Autowired
    PbxActions pbx;

    @Autowired
    RecordedEvents events;

    @Autowired
    AmiConnections connections;

    @LocalServerPort
    int httpPort;

    AmiStandIn asterisk = StandInAsterisk.ami();

    @BeforeEach
    void nodeIsUp() {
        awaitNodeUp();
    }

    @Test
    void channelEventsReachTheLivePictureAndArePublished() {
        asterisk.newChannel("1763900100.1", "PJSIP/trunk-00000101", "13800138000");

        PbxEvent.ChannelCreated created = events.await(PbxEvent.ChannelCreated.class,
                e -> e.uniqueId().equals("1763900100.1"));
        assertThat(created.node()).isEqualTo(NODE);
        assertThat(created.channel()).isEqualTo("PJSIP/trunk-00000101");
        assertThat(created.callerNumber()).isEqualTo("13800138000");
        assertThat(live.on(NODE)).extracting(LiveChannel::uniqueId).contains("1763900100.1");

        asterisk.emit(Map.of("Event", "Newstate", "Channel", "PJSIP/trunk-00000101", "ChannelState", "6",
                "ChannelStateDesc", "Up", "Uniqueid", "1763900100.1", "Linkedid", "1763900100.1"));
        events.await(PbxEvent.ChannelAnswered.class, e -> e.uniqueId().equals("1763900100.1"));
        assertThat(channel("1763900100.1").answered()).isTrue();

        asterisk.hangup("1763900100.1", 16, "Normal Clearing");
        PbxEvent.ChannelHungUp hungUp = events.await(PbxEvent.ChannelHungUp.class,
                e -> e.uniqueId().equals("1763900100.1"));
        assertThat(hungUp.cause()).isEqualTo(16);
        assertThat(hungUp.causeText()).isEqualTo("Normal Clearing");
        assertThat(live.on(NODE)).extracting(LiveChannel::uniqueId).doesNotContain("1763900100.1");
    }

    @Test
    void aDroppedConnectionIsReportedReconnectedAndTheLivePictureResynced() {
        asterisk.newChannel("1763900200.1", "PJSIP/trunk-00000201", "13800138001");
        events.await(PbxEvent.ChannelCreated.class, e -> e.uniqueId().equals("1763900200.1"));
        Instant beforeDrop = Instant.now();

        asterisk.accepting(false);
        asterisk.dropConnections();

        events.await(PbxEvent.NodeDisconnected.class, e -> !e.at().isBefore(beforeDrop));
        AlertRaised alert = events.await(AlertRaised.class, e -> e.alert().kind() == AlertKind.NODE_DOWN
                && !e.alert().raisedAt().isBefore(beforeDrop));
        assertThat(alert.alert().subject()).isEqualTo(NODE);
        assertThat(alert.alert().message()).contains("Asterisk node central is unreachable over AMI");
        assertThat(amiHealth().path("status").asString()).isEqualTo("DOWN");
        assertThat(amiHealth().path("details").path("nodes").path(NODE).path("reason").asString()).isNotBlank();

        // while the link is down, one call ends and another begins on Asterisk
        asterisk.silentlyRemoveChannel("1763900200.1");
        asterisk.silentlyAddChannel("1763900200.2", "PJSIP/trunk-00000202", "13800138002");
        asterisk.accepting(true);

        events.await(PbxEvent.NodeConnected.class, e -> e.at().isAfter(beforeDrop));
        PbxEvent.ChannelsResynced resynced = events.await(PbxEvent.ChannelsResynced.class,
                e -> e.at().isAfter(beforeDrop));
        assertThat(resynced.channels()).extracting(LiveChannel::uniqueId).contains("1763900200.2")
                .doesNotContain("1763900200.1");
        assertThat(live.on(NODE)).extracting(LiveChannel::uniqueId).contains("1763900200.2")
                .doesNotContain("1763900200.1");
        assertThat(channel("1763900200.2").answered()).isTrue();
        awaitNodeUp();
        assertThat(amiHealth().path("status").asString()).isEqualTo("UP");
        asterisk.silentlyRemoveChannel("1763900200.2");
    }

    @Test
    void supervisorAndRecordingActionsReachAsteriskAsAmiActions() {
        pbx.spy(NODE, "PJSIP/2001", "PJSIP/1001-0000002a", SpyMode.WHISPER);
        Map<String, String> originate = last("Originate");
        assertThat(originate).containsEntry("Channel", "PJSIP/2001").containsEntry("Application", "ChanSpy")
                .containsEntry("Data", "PJSIP/1001-0000002a,qEdw").containsEntry("Async", "true");

        pbx.spy(NODE, "PJSIP/2001", "PJSIP/1001-0000002a", SpyMode.BARGE);
        assertThat(last("Originate")).containsEntry("Data", "PJSIP/1001-0000002a,qEdB");

        pbx.redirect(NODE, "PJSIP/trunk-0000002b", null, "hotline-internal", "1002");
        assertThat(last("Redirect")).containsEntry("Channel", "PJSIP/trunk-0000002b")
                .containsEntry("Context", "hotline-internal").containsEntry("Exten", "1002");

        pbx.startRecording(NODE, "PJSIP/trunk-0000002b", new RecordingFiles("/r/m.wav", "/r/c.wav", "/r/o.wav"));
        assertThat(last("MixMonitor")).containsEntry("File", "/r/m.wav").containsEntry("Options", "r(/r/c.wav)t(/r/o.wav)");

        pbx.hangup(NODE, "PJSIP/trunk-0000002b");
        assertThat(last("Hangup")).containsEntry("Channel", "PJSIP/trunk-0000002b");
    }

    @Test
    void refusedActionsAndUnknownNodesGiveClearErrors() {
        asterisk.failNext("Hangup", "No such channel");
        assertThatThrownBy(() -> pbx.hangup(NODE, "PJSIP/gone-00000001"))
                .isInstanceOf(PbxActionException.class)
                .hasMessage("Hangup PJSIP/gone-00000001 refused by node central: No such channel");

        assertThatThrownBy(() -> pbx.hangup("district-9", "PJSIP/1001-00000001"))
                .isInstanceOf(PbxActionException.class)
                .hasMessageContaining("no Asterisk node named 'district-9'");
    }

    @Test
    void linesThatAreNotKeyValueAreReportedOnceAndTheStreamGoesOn(CapturedOutput output) {
        asterisk.sendRaw("this is not a header line\r\n\r\n");
        asterisk.sendRaw("neither is this\r\n\r\n");
        asterisk.newChannel("1763900300.1", "PJSIP/trunk-00000301", "13800138003");

        events.await(PbxEvent.ChannelCreated.class, e -> e.uniqueId().equals("1763900300.1"));
        // every running service connected to the shared stand-in gets the lines: each reports the first, once
        List<String> reported = output.getOut().lines()
                .filter(line -> line.contains("sent a line that is not 'Key: value'")).toList();
        assertThat(reported).isNotEmpty().allMatch(line -> line.endsWith("'this is not a header line'"));
        assertThat(reported.stream().map(line -> line.substring(line.indexOf('['), line.indexOf(']'))).distinct())
                .as("reported once per connection (its reader thread)").hasSameSizeAs(reported);
        assertThat(connections.nodes().iterator().next().malformedLines()).isGreaterThanOrEqualTo(2);
        asterisk.hangup("1763900300.1", 16, "Normal Clearing");
    }

    @Test
    void aLineThatNeverEndsClosesTheConnectionWithTheReasonAndTheNodeComesBack() {
        Instant before = Instant.now();

        asterisk.sendRaw("Event: Newchannel\r\nChannel: " + "x".repeat(AmiSocket.MAX_LINE_BYTES + 100));

        PbxEvent.NodeDisconnected lost = events.await(PbxEvent.NodeDisconnected.class,
                e -> !e.at().isBefore(before));
        assertThat(lost.reason()).isEqualTo("Asterisk sent a line longer than 1024 KiB without ending it");
        events.await(PbxEvent.NodeConnected.class, e -> e.at().isAfter(lost.at()));
        awaitNodeUp();
        asterisk.newChannel("1763900400.1", "PJSIP/trunk-00000401", "13800138004");
        events.await(PbxEvent.ChannelCreated.class, e -> e.uniqueId().equals("1763900400.1"));
        assertThat(live.on(NODE)).extracting(LiveChannel::uniqueId).contains("1763900400.1");
        asterisk.hangup("1763900400.1", 16, "Normal Clearing");
    }

    private Map<String, String> last(String action) {
        var matching = asterisk.actions(action);
        assertThat(matching).as("%s actions received", action).isNotEmpty();
        return matching.get(matching.size() - 1);
    }

    private LiveChannel channel(String uniqueId) {
        return live.on(NODE).stream().filter(c -> c.uniqueId().equals(uniqueId)).findFirst().orElseThrow();
    }

    private tools.jackson.databind.JsonNode amiHealth() {
        return Http.on(httpPort).as("admin", "test-admin-password").get("/actuator/health").json()
                .path("components").path("ami");
    }

    private void awaitNodeUp() {
        await().alias("AMI node up").until(() -> connections.nodes().stream().allMatch(n -> n.state().up()));
    }
}
