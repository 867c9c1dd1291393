package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.telephony.LiveChannels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Listen, whisper and barge on a call an agent has answered: each is an AMI Originate of ChanSpy to the supervisor's
 * phone with the right options; the mode changes by the key ChanSpy listens for; stopping hangs up; everything is in
 * the monitoring log; agents may do none of it.
 */
@HotlineTest
class MonitoringTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    LiveChannels channels;

    final AmiStandIn ami = StandInAsterisk.ami();
    FloorCalls calls;
    Http supervisor;
    String agent;
    String agentChannel;
    FloorCalls.Caller caller;

    @BeforeEach
    void aCallAnAgentHasAnswered() {
        calls = FloorCalls.in(service);
        String group = FloorAgents.group(port, "monitoring", "监控测试");
        agent = FloorAgents.ready(port, group);
        agentChannel = FloorAgents.endpoint(agent) + "-0000001a";
        supervisor = Supervisors.create(port, "monitor.lead");
        FloorAgents.require(supervisor.put("/api/supervision/phone", "{\"endpoint\":\"PJSIP/2001\"}"));
        caller = calls.call(group, "13812340002");
        caller.agentAnswers(agentChannel);
    }

    JsonNode start(Http as, String mode, int status) {
        Http.Response response = as.post("/api/supervision/monitor", "{\"callId\":\"" + caller.callId + "\",\"mode\":\""
                + mode + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json();
    }

    Map<String, String> lastOriginate() {
        List<Map<String, String>> originates = ami.actions("Originate");
        return originates.get(originates.size() - 1);
    }

    @Test
    void listenWhisperAndBargeEachRingTheSupervisorIntoChanSpyOnTheAgentsChannel() {
        for (String[] mode : new String[][] {{"LISTEN", "qEd"}, {"WHISPER", "qEdw"}, {"BARGE", "qEdB"}}) {
            JsonNode session = start(supervisor, mode[0], 201);

            Map<String, String> originate = lastOriginate();
            assertThat(originate).containsEntry("Channel", "PJSIP/2001").containsEntry("Application", "ChanSpy")
                    .containsEntry("Data", agentChannel + "," + mode[1]).containsEntry("Async", "true");
            assertThat(originate.get("ChannelId")).startsWith("hotline-spy-");
            assertThat(session.path("mode").asString()).isEqualTo(mode[0]);
            assertThat(session.path("agent").asString()).isEqualTo(agent);

            JsonNode stopped = supervisor.post("/api/supervision/monitor/" + session.path("id").asLong() + "/stop", "")
                    .json();
            assertThat(ami.actions("Hangup")).last().satisfies(hangup ->
                    assertThat(hangup).containsEntry("Channel", originate.get("ChannelId")));
            assertThat(stopped.path("endReason").asString()).isEqualTo("stopped by monitor.lead");
        }
        caller.hangUpAgent();
    }

    @Test
    void theModeChangesByTheKeyChanSpyListensForAndEverySessionIsLogged() {
        JsonNode session = start(supervisor, "LISTEN", 201);
        long id = session.path("id").asLong();
        String spyChannel = lastOriginate().get("ChannelId");
        ami.newChannel(spyChannel, "PJSIP/2001-0000002b", "2001");
        ami.answer(spyChannel);
        FloorCalls.await(() -> channels.on(StandInAsterisk.NODE).stream()
                .anyMatch(c -> c.uniqueId().equals(spyChannel) && c.answered()), "the supervisor answered");

        Http.Response whisper = supervisor.post("/api/supervision/monitor/" + id + "/mode", "{\"mode\":\"WHISPER\"}");

        assertThat(whisper.status()).isEqualTo(200);
        assertThat(ami.actions("PlayDTMF")).last().satisfies(dtmf -> assertThat(dtmf)
                .containsEntry("Channel", spyChannel).containsEntry("Digit", "5").containsEntry("Receive", "true"));
        supervisor.post("/api/supervision/monitor/" + id + "/mode", "{\"mode\":\"BARGE\"}");
        assertThat(ami.actions("PlayDTMF")).last().satisfies(dtmf -> assertThat(dtmf).containsEntry("Digit", "6"));

        Http other = Supervisors.create(port, "monitor.other");
        assertThat(other.post("/api/supervision/monitor/" + id + "/stop", "").status()).isEqualTo(403);

        ami.hangup(spyChannel, 16, "Normal Clearing"); // the supervisor puts the phone down
        FloorCalls.await(() -> !supervisor.get("/api/supervision/monitor?callId=" + caller.callId).json().get(0)
                .path("endedAt").isNull(), "the session ended");
        JsonNode logged = supervisor.get("/api/supervision/monitor?callId=" + caller.callId).json().get(0);
        assertThat(logged.path("supervisor").asString()).isEqualTo("monitor.lead");
        assertThat(logged.path("callId").asString()).isEqualTo(caller.callId);
        assertThat(logged.path("agent").asString()).isEqualTo(agent);
        assertThat(logged.path("supervisorEndpoint").asString()).isEqualTo("PJSIP/2001");
        assertThat(logged.path("endReason").asString()).isEqualTo("the supervisor's phone hung up");
        assertThat(logged.path("modes").valueStream().map(m -> m.path("mode").asString()).toList())
                .containsExactly("LISTEN", "WHISPER", "BARGE");
        assertThat(logged.path("modes").get(0).path("to").asString())
                .isEqualTo(logged.path("modes").get(1).path("from").asString());
        caller.hangUpAgent();
    }

    @Test
    void beforeTheSupervisorAnswersAModeChangeRingsThemAgainInTheNewMode() {
        long id = start(supervisor, "LISTEN", 201).path("id").asLong();
        String ringing = lastOriginate().get("ChannelId");

        supervisor.post("/api/supervision/monitor/" + id + "/mode", "{\"mode\":\"WHISPER\"}");

        assertThat(ami.actions("Hangup")).last().satisfies(h -> assertThat(h).containsEntry("Channel", ringing));
        assertThat(lastOriginate()).containsEntry("Data", agentChannel + ",qEdw");
        assertThat(lastOriginate().get("ChannelId")).startsWith("hotline-spy-").isNotEqualTo(ringing);
        ami.hangup(ringing, 16, "Normal Clearing"); // the first ringing channel going away ends nothing
        caller.hangUpAgent();
        FloorCalls.await(() -> supervisor.get("/api/supervision/monitor?callId=" + caller.callId).json().get(0)
                .path("endReason").asString("").equals("the call ended"), "the session ended with the call");
    }

    @Test
    void agentsMayNotMonitorAndASupervisorNeedsAPhone() {
        Http agentClient = FloorAgents.desk(port, agent);
        assertThat(agentClient.post("/api/supervision/monitor", "{\"callId\":\"" + caller.callId
                + "\",\"mode\":\"LISTEN\"}").status()).isEqualTo(403);
        assertThat(agentClient.get("/api/supervision/monitor").status()).isEqualTo(403);
        int originates = ami.actions("Originate").size();

        Http phoneless = Supervisors.create(port, "monitor.phoneless");
        JsonNode refused = start(phoneless, "LISTEN", 409);

        assertThat(refused.path("detail").asString()).contains("set your phone first");
        assertThat(ami.actions("Originate")).hasSize(originates);
        assertThat(supervisor.put("/api/supervision/phone", "{\"endpoint\":\"2001; rm -rf\"}").status()).isEqualTo(400);
        caller.hangUpAgent();
    }
}
