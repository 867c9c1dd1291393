package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import org.hotline12333.testkit.EventStream;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A supervisor forcing an agent's state: pause with a reason, ready, sign out; at once when the agent is free, and
 * when the call ends when they are on one (shown as pending meanwhile). The agent's history names the supervisor,
 * the audit list has each action, the live stream shows it.
 */
@HotlineTest
class ForcedStateTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    @Test
    void aSupervisorPausesReadiesAndSignsOutAnAgentAndTheHistoryNamesThem() {
        Instant before = Instant.now();
        String group = FloorAgents.group(port, "forced", "强制状态");
        String agent = FloorAgents.ready(port, group);
        Http lead = Supervisors.create(port, "state.lead");
        try (EventStream stream = EventStream.open(port, "/api/supervision/stream", "state.lead",
                Supervisors.PASSWORD)) {
            stream.await("snapshot", snapshot -> snapshot.has("actions"));

            Http.Response paused = lead.post(path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"MEETING\","
                    + "\"reason\":\"team meeting\"}");

            assertThat(paused.status()).as(paused.body()).isEqualTo(200);
            assertThat(paused.json().path("agent").path("state").asString()).isEqualTo("PAUSED");
            assertThat(paused.json().path("agent").path("pauseReason").asString()).isEqualTo("MEETING");
            assertThat(paused.json().path("action").path("outcome").asString()).isEqualTo("DONE");
            stream.await("action", action -> action.path("kind").asString().equals("FORCE_STATE")
                    && agent.equals(action.path("agent").asString()) && action.path("detail").asString()
                    .equals("PAUSED (MEETING)"));
            stream.await("agent", a -> agent.equals(a.path("workNumber").asString())
                    && a.path("state").asString().equals("PAUSED"));
        }
        assertThat(lead.post(path(agent), "{\"state\":\"READY\",\"reason\":\"meeting over\"}").json()
                .path("agent").path("state").asString()).isEqualTo("READY");
        assertThat(lead.post(path(agent), "{\"state\":\"LOGGED_OUT\",\"reason\":\"left early\"}").json()
                .path("agent").path("state").asString()).isEqualTo("LOGGED_OUT");
        Http.Response notLoggedIn = lead.post(path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"BREAK\","
                + "\"reason\":\"x\"}");
        assertThat(notLoggedIn.status()).isEqualTo(409);
        assertThat(notLoggedIn.json().path("detail").asString()).contains("logged out");

        JsonNode history = lead.get("/api/routing/agents/" + agent + "/history?from=" + before + "&to="
                + Instant.now().plusSeconds(1)).json();
        List<JsonNode> forced = history.valueStream().filter(h -> "state.lead".equals(h.path("actor").asString(null)))
                .toList();
        assertThat(forced).extracting(h -> h.path("to").asString()).containsExactly("PAUSED", "READY", "LOGGED_OUT");
        assertThat(forced.get(0).path("note").asString()).isEqualTo("forced by state.lead: team meeting");
        assertThat(history.valueStream().filter(h -> h.path("to").asString().equals("READY")).findFirst()
                .orElseThrow().path("actor").asString(null)).isNull(); // the agent's own login
        assertThat(lead.get("/api/supervision/actions?agent=" + agent + "&kind=FORCE_STATE").json())
                .extracting(a -> a.path("reason").asString())
                .containsExactly("left early", "meeting over", "team meeting");
    }

    @Test
    void onACallTheChangeWaitsShownAsPendingAndIsAppliedWhenTheCallEnds() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "forced-on-call", "13812347001");
        String agent = talk.agent();
        RoutedCalls.Caller caller = talk.caller();
        Http lead = Supervisors.create(port, "state.pending");

        JsonNode signOut = lead.post(path(agent), "{\"state\":\"LOGGED_OUT\",\"reason\":\"shift over\"}").json();
        JsonNode training = lead.post(path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"TRAINING\","
                + "\"reason\":\"training at 11\"}").json();

        assertThat(signOut.path("action").path("outcome").asString()).isEqualTo("PENDING");
        assertThat(training.path("agent").path("state").asString()).isEqualTo("ON_CALL");
        assertThat(training.path("agent").path("pending").path("state").asString()).isEqualTo("PAUSED");
        assertThat(training.path("agent").path("pending").path("pauseReason").asString()).isEqualTo("TRAINING");
        assertThat(training.path("agent").path("pending").path("by").asString()).isEqualTo("state.pending");
        await().atMost(RoutedCalls.WAIT).until(() -> floorAgent(lead, agent).path("pending").path("state")
                .asString("").equals("PAUSED"));
        assertThat(lead.get("/api/supervision/actions?agent=" + agent).json()).extracting(
                a -> a.path("outcome").asString()).containsExactly("PENDING", "REPLACED");
        assertThat(StandInAsterisk.ami().actions("Hangup")).noneMatch(h -> talk.agentChannel()
                .equals(h.get("Channel")));

        StandInAsterisk.ami().phoneHangsUp(talk.agentChannel()); // the agent ends the call

        caller.result();
        await().atMost(RoutedCalls.WAIT).until(() -> InterceptTest.agentState(lead, agent).equals("PAUSED"));
        await().atMost(RoutedCalls.WAIT).until(() -> floorAgent(lead, agent).path("pauseReason").asString("")
                .equals("TRAINING")); // the floor follows the agent's state change a moment later
        await().atMost(RoutedCalls.WAIT).until(() -> lead.get("/api/supervision/actions?agent=" + agent).json()
                .get(0).path("outcome").asString().equals("DONE"));
        assertThat(lead.get("/api/supervision/actions?agent=" + agent).json().get(0).path("detail").asString())
                .isEqualTo("PAUSED (TRAINING): applied as the call ended");
        JsonNode history = lead.get("/api/routing/agents/" + agent + "/history?from=" + Instant.now().minusSeconds(60)
                + "&to=" + Instant.now().plusSeconds(1)).json();
        assertThat(history.valueStream().map(h -> h.path("to").asString()).toList())
                .containsSubsequence("ON_CALL", "WRAP_UP", "PAUSED");
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("actor").asString()).isEqualTo("state.pending");
        assertThat(last.path("note").asString()).isEqualTo("forced by state.pending during the call: training at 11");
        assertThat(history.valueStream().map(h -> h.path("to").asString())).doesNotContain("LOGGED_OUT");
        await().atMost(RoutedCalls.WAIT).until(() -> floorAgent(lead, agent).path("pending").path("state")
                .asString(null) == null);
    }

    @Test
    void badRequestsAreRefusedSayingWhyAndChangeNothing() {
        String group = FloorAgents.group(port, "forced-refused", "强制拒绝");
        String agent = FloorAgents.ready(port, group);
        Http lead = Supervisors.create(port, "state.strict");

        assertThat(detail(lead.post(path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"MEAL\"}"), 400))
                .contains("give a reason");
        assertThat(detail(lead.post(path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"MEAL\",\"reason\":\""
                + "很".repeat(256) + "\"}"), 400)).isEqualTo("the reason may be at most 255 characters (it has 256)");
        assertThat(detail(lead.post(path(agent), "{\"state\":\"PAUSED\",\"reason\":\"x\"}"), 400))
                .contains("pausing needs a reason");
        assertThat(detail(lead.post(path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"NO_ANSWER\",\"reason\":\"x\"}"),
                400)).contains("pausing needs a reason");
        assertThat(detail(lead.post(path(agent), "{\"state\":\"ON_CALL\",\"reason\":\"x\"}"), 400))
                .contains("READY, PAUSED or LOGGED_OUT");
        assertThat(detail(lead.post(path(agent), "{\"state\":\"SLEEPING\",\"reason\":\"x\"}"), 400))
                .contains("SLEEPING");
        assertThat(detail(lead.post(path("99999"), "{\"state\":\"READY\",\"reason\":\"x\"}"), 404))
                .contains("no agent 99999");
        assertThat(FloorAgents.desk(port, agent).post(path(agent), "{\"state\":\"PAUSED\",\"pauseReason\":\"MEAL\","
                + "\"reason\":\"me\"}").status()).isEqualTo(403);
        assertThat(InterceptTest.agentState(lead, agent)).isEqualTo("READY");
        assertThat(lead.get("/api/supervision/actions?agent=" + agent).json()).isEmpty();
    }

    static String path(String agent) {
        return "/api/supervision/agents/" + agent + "/state";
    }

    static String detail(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        return response.json().path("detail").asString();
    }

    static JsonNode floorAgent(Http supervisor, String workNumber) {
        for (JsonNode agent : supervisor.get("/api/supervision/floor").json().path("agents")) {
            if (workNumber.equals(agent.path("workNumber").asString())) {
                return agent;
            }
        }
        throw new AssertionError("no agent " + workNumber + " on the floor");
    }
}
