package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.ivr.WorkingDays;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Intercept (接管) end to end through the AGI and AMI stand-ins, as a real Asterisk 22.10.1 did it: the supervisor's
 * phone is rung into a barge on the caller (Originate ChanSpy qEB), the agent's leg is hung up once the supervisor
 * spies, and the caller's own session bridges the caller with the supervisor's channel; the AGI session lives on.
 */
@HotlineTest
class InterceptTest {

    @LocalServerPort
    int port;
    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    ApplicationContext service;
    @Autowired
    CallRecords records;
    @Autowired
    RecordedEvents events;
    @Autowired
    TestClock clock;
    @Autowired
    WorkingDays workingDays;

    final AmiStandIn ami = StandInAsterisk.ami();

    /** Through the shipped 12333 menu, recorded, on a working morning (the menu's opening hours). */
    @Test
    void theSupervisorTakesACallOverThroughTheMenuAndIsItsAgentInTheRecordTheRecordingAndOnTheFloor() {
        String ready = FloorAgents.ready(port, "general"); // other tests may have left general's agents ready too
        Http lead = phone(Supervisors.create(port, "intercept.lead"), "PJSIP/2001");
        clock.runFrom(nextWorkingMorning());
        try {
            AgiStandIn.SimulatedCall caller = AgiStandIn.call(agiPort).script("ivr?menu=12333").from("13812349001")
                    .events(ami).dialing(e -> AgiStandIn.DialOutcome.answeredUntilHungUp()).keys("0").keys("1")
                    .start();
            String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(caller.uniqueId())).callId();
            String agentChannel = agentChannel(callId);
            String agent = records.legs(callId).stream().filter(l -> agentChannel.equals(l.channel())).findFirst()
                    .orElseThrow().agent(); // whoever of them took the call

            Http.Response asked = lead.post("/api/supervision/calls/" + callId + "/intercept",
                    "{\"reason\":\"the caller asked for a supervisor\"}");

            assertThat(asked.status()).as(asked.body()).isEqualTo(202);
            assertThat(asked.json().path("outcome").asString()).isEqualTo("REQUESTED");
            Map<String, String> originate = lastOriginate();
            assertThat(originate).containsEntry("Channel", "PJSIP/2001").containsEntry("Application", "ChanSpy")
                    .containsEntry("Data", caller.channel() + ",qEB").containsEntry("Async", "true");
            String spyId = originate.get("ChannelId");
            assertThat(spyId).startsWith("hotline-spy-");
            assertThat(ami.actions("Hangup")).noneMatch(h -> agentChannel.equals(h.get("Channel")));

            String supervisorChannel = ami.originatedPhoneAnswers(spyId);

            await().atMost(RoutedCalls.WAIT).until(() -> ami.actions("Hangup").stream()
                    .anyMatch(h -> agentChannel.equals(h.get("Channel"))));
            await().atMost(RoutedCalls.WAIT).until(() -> caller.transcript().contains("S> EXEC \"Bridge\" \"" + spyId
                    + ",x\""));
            assertThat(caller.transcript()).containsSubsequence("A> 200 result=0", "S> GET VARIABLE \"DIALSTATUS\"",
                    "A> 200 result=1 (ANSWER)", "S> SET MUSIC OFF", "A> 200 result=0",
                    "S> EXEC \"Bridge\" \"" + spyId + ",x\"");
            await().atMost(RoutedCalls.WAIT).until(() -> "intercept.lead".equals(records.find(callId).orElseThrow()
                    .routing().agent()));
            assertThat(records.find(callId).orElseThrow().routing().chosenBy()).isEqualTo("INTERCEPT");
            List<CallLegView> legs = records.legs(callId);
            assertThat(legs).filteredOn(l -> l.kind() == CallLegView.Kind.AGENT).singleElement()
                    .satisfies(l -> assertThat(l.outcome()).isEqualTo("INTERCEPTED"));
            assertThat(legs).filteredOn(l -> l.kind() == CallLegView.Kind.SUPERVISOR).singleElement()
                    .satisfies(l -> {
                        assertThat(l.agent()).isEqualTo("intercept.lead");
                        assertThat(l.party()).isEqualTo("PJSIP/2001");
                        assertThat(l.channel()).isEqualTo(supervisorChannel);
                        assertThat(l.answeredAt()).isNotNull();
                    });
            await().atMost(RoutedCalls.WAIT).until(() -> floorCall(lead, callId).path("agent").asString("")
                    .equals("intercept.lead") && floorCall(lead, callId).path("stage").asString().equals("TALKING"));
            await().atMost(RoutedCalls.WAIT).until(() -> action(lead, callId, "INTERCEPT").path("outcome")
                    .asString().equals("DONE"));
            // dropped out of the call into its wrap-up (as long as the general group's, which other tests change)
            JsonNode history = lead.get("/api/routing/agents/" + agent + "/history?from="
                    + clock.instant().minusSeconds(3600) + "&to=" + clock.instant().plusSeconds(3600)).json();
            assertThat(history.valueStream().filter(h -> callId.equals(h.path("callId").asString(null)))
                    .map(h -> h.path("to").asString())).containsSubsequence("ON_CALL", "WRAP_UP");
            assertThat(agentState(lead, agent)).isIn("WRAP_UP", "READY");

            ami.phoneHangsUp(supervisorChannel); // the supervisor ends the conversation; the caller gets the survey

            caller.awaitEnd();
            assertThat(caller.transcript()).containsSubsequence("S> GET VARIABLE \"BRIDGERESULT\"",
                    "A> 200 result=1 (SUCCESS)");
            assertThat(caller.played()).contains("hotline/survey");
            await().atMost(RoutedCalls.WAIT).until(() -> records.find(callId).orElseThrow().satisfaction() != null);
            assertThat(records.legs(callId)).filteredOn(l -> l.kind() == CallLegView.Kind.SUPERVISOR)
                    .singleElement().satisfies(l -> assertThat(l.outcome()).isEqualTo("ANSWERED"));
            JsonNode recording = await().atMost(RoutedCalls.WAIT).until(() -> recordingOf(lead, callId),
                    r -> r != null && "intercept.lead".equals(r.path("agent").asString(null)));
            assertThat(recording.path("callId").asString()).isEqualTo(callId);
            JsonNode logged = action(lead, callId, "INTERCEPT");
            assertThat(logged.path("actor").asString()).isEqualTo("intercept.lead");
            assertThat(logged.path("agent").asString()).isEqualTo(agent);
            assertThat(logged.path("reason").asString()).isEqualTo("the caller asked for a supervisor");
        } finally {
            clock.reset();
            FloorAgents.desk(port, ready).post("/api/desk/state", "{\"action\":\"LOGOUT\"}");
        }
    }

    @Test
    void fromAMonitoringSessionTheListeningChannelEndsAndThePhoneIsRungOnTheCaller() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "intercept-monitor", "13812349002");
        RoutedCalls.Caller caller = talk.caller();
        Http lead = phone(Supervisors.create(port, "intercept.listener"), "PJSIP/2002");
        JsonNode session = lead.post("/api/supervision/monitor", "{\"callId\":\"" + caller.callId
                + "\",\"mode\":\"LISTEN\"}").json();
        String listening = lastOriginate().get("ChannelId");

        Http.Response asked = lead.post("/api/supervision/monitor/" + session.path("id").asLong() + "/intercept",
                "{\"reason\":\"taking over\"}");

        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        assertThat(ami.actions("Hangup")).last().satisfies(h -> assertThat(h).containsEntry("Channel", listening));
        JsonNode ended = lead.get("/api/supervision/monitor?callId=" + caller.callId).json().get(0);
        assertThat(ended.path("endReason").asString()).isEqualTo("taken over by intercept.listener (intercept)");
        Map<String, String> originate = lastOriginate();
        assertThat(originate).containsEntry("Channel", "PJSIP/2002")
                .containsEntry("Data", caller.session.channel() + ",qEB");
        assertThat(originate.get("ChannelId")).isNotEqualTo(listening);

        String supervisorChannel = ami.originatedPhoneAnswers(originate.get("ChannelId"));

        await().atMost(RoutedCalls.WAIT).until(() -> caller.session.transcript()
                .contains("S> EXEC \"Bridge\" \"" + originate.get("ChannelId") + ",x\""));
        assertThat(ami.actions("Hangup")).anyMatch(h -> talk.agentChannel().equals(h.get("Channel")));
        ami.phoneHangsUp(supervisorChannel);
        RoutingResult result = caller.result();
        assertThat(result.outcome()).isEqualTo(RoutingResult.Outcome.TALKED);
        assertThat(result.agent()).isEqualTo("intercept.listener");
        assertThat(result.agentHungUpFirst()).isTrue();
        assertThat(caller.record().routing().agent()).isEqualTo("intercept.listener");
        assertThat(talk.agent()).isNotEqualTo(result.agent());
    }

    @Test
    void whenTheSupervisorDoesNotAnswerNothingChangesAndTheActionFails() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "intercept-unanswered", "13812349003");
        RoutedCalls.Caller caller = talk.caller();
        Http lead = phone(Supervisors.create(port, "intercept.away"), "PJSIP/2003");

        lead.post("/api/supervision/calls/" + caller.callId + "/intercept", "{\"reason\":\"check\"}");
        String spyId = lastOriginate().get("ChannelId");
        ami.hangup(spyId, 19, "No answer"); // Originate's ring time is over: Asterisk hangs the ringing phone up

        await().atMost(RoutedCalls.WAIT).until(() -> action(lead, caller.callId, "INTERCEPT").path("outcome")
                .asString().equals("FAILED"));
        assertThat(action(lead, caller.callId, "INTERCEPT").path("detail").asString())
                .isEqualTo("the supervisor's phone PJSIP/2003 did not answer");
        assertThat(ami.actions("Hangup")).noneMatch(h -> talk.agentChannel().equals(h.get("Channel")));
        assertThat(caller.record().routing().agent()).isEqualTo(talk.agent());
        assertThat(agentState(lead, talk.agent())).isEqualTo("ON_CALL");
        ami.phoneHangsUp(talk.agentChannel());
        assertThat(caller.result().agent()).isEqualTo(talk.agent());
    }

    @Test
    void ifTheSupervisorsChannelIsGoneByTheBridgeTheCallerWaitsForTheNextAgent() {
        RoutedCalls calls = RoutedCalls.in(service);
        String group = FloorAgents.group(port, "intercept-gone", "接管失败");
        String agent = FloorAgents.ready(port, group);
        Http lead = phone(Supervisors.create(port, "intercept.gone"), "PJSIP/2004");
        RoutedCalls.Caller caller = calls.call(group, "13812349004", a -> a
                .dialing(e -> AgiStandIn.DialOutcome.answeredUntilHungUp())
                .variable("BRIDGERESULT", "NONEXISTENT").application("Bridge", (call, args) -> "0"));
        String first = caller.agentChannel(true);
        lead.post("/api/supervision/calls/" + caller.callId + "/intercept", "{\"reason\":\"check\"}");

        ami.originatedPhoneAnswers(lastOriginate().get("ChannelId"));

        await().atMost(RoutedCalls.WAIT).until(() -> action(lead, caller.callId, "INTERCEPT").path("outcome")
                .asString().equals("FAILED"));
        assertThat(action(lead, caller.callId, "INTERCEPT").path("detail").asString())
                .contains("the supervisor's phone had hung up");
        assertThat(records.legs(caller.callId)).filteredOn(l -> l.kind() == CallLegView.Kind.SUPERVISOR)
                .singleElement().satisfies(l -> assertThat(l.outcome()).isEqualTo("FAILED"));
        String again = await().atMost(RoutedCalls.WAIT).until(() -> records.legs(caller.callId).stream()
                .filter(l -> l.kind() == CallLegView.Kind.AGENT && l.answeredAt() != null && l.endedAt() == null
                        && l.channel() != null && !first.equals(l.channel()))
                .map(CallLegView::channel).findFirst().orElse(null), java.util.Objects::nonNull);
        // after its wrap-up, back to the caller: the record says so once the answer is written (after the leg's)
        await().atMost(RoutedCalls.WAIT).until(() -> caller.record().routing().agent(), agent::equals);
        ami.phoneHangsUp(again);
        assertThat(caller.result().agent()).isEqualTo(agent);
    }

    @Test
    void onlySupervisorsWithAPhoneMayInterceptACallTalkingWithAnAgent() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "intercept-refused", "13812349005");
        RoutedCalls.Caller caller = talk.caller();
        int originates = ami.actions("Originate").size();
        String path = "/api/supervision/calls/" + caller.callId + "/intercept";

        assertThat(FloorAgents.desk(port, talk.agent()).post(path, "{\"reason\":\"me\"}").status()).isEqualTo(403);
        Http phoneless = Supervisors.create(port, "intercept.phoneless");
        Http.Response noPhone = phoneless.post(path, "{\"reason\":\"check\"}");
        assertThat(noPhone.status()).isEqualTo(409);
        assertThat(noPhone.json().path("detail").asString()).contains("set your phone first");
        Http lead = phone(Supervisors.create(port, "intercept.strict"), "PJSIP/2005");
        Http.Response noReason = lead.post(path, "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("detail").asString()).contains("give a reason");
        assertThat(lead.post("/api/supervision/calls/no-such-call/intercept", "{\"reason\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(ami.actions("Originate")).hasSize(originates);

        ami.phoneHangsUp(talk.agentChannel());
        caller.result();
        Http.Response over = lead.post(path, "{\"reason\":\"too late\"}");
        assertThat(over.status()).isEqualTo(409);
        assertThat(ami.actions("Originate")).hasSize(originates);
    }

    /**
     * 10:00 on the next working day of the menu's calendar: in the menu's opening hours, and ahead of the real time
     * (a clock set behind it would date this talk.agent()'s calls before their own login, in every day's occupancy).
     */
    private Instant nextWorkingMorning() {
        ZoneId zone = workingDays.zone();
        LocalDate day = LocalDate.now(zone).plusDays(1);
        while (!workingDays.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day.atTime(10, 0).atZone(zone).toInstant();
    }

    static Http phone(Http supervisor, String endpoint) {
        FloorAgents.require(supervisor.put("/api/supervision/phone", "{\"endpoint\":\"" + endpoint + "\"}"));
        return supervisor;
    }

    Map<String, String> lastOriginate() {
        List<Map<String, String>> originates = ami.actions("Originate");
        return originates.get(originates.size() - 1);
    }

    String agentChannel(String callId) {
        return await().atMost(RoutedCalls.WAIT).until(() -> records.legs(callId).stream()
                .filter(l -> l.kind() == CallLegView.Kind.AGENT && l.answeredAt() != null && l.channel() != null)
                .map(CallLegView::channel).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    static JsonNode floorCall(Http supervisor, String callId) {
        for (JsonNode call : supervisor.get("/api/supervision/floor").json().path("calls")) {
            if (callId.equals(call.path("callId").asString())) {
                return call;
            }
        }
        return supervisor.get("/api/supervision/floor").json().path("none");
    }

    static JsonNode action(Http supervisor, String callId, String kind) {
        JsonNode list = supervisor.get("/api/supervision/actions?callId=" + callId + "&kind=" + kind).json();
        return list.isEmpty() ? list.path(0) : list.get(0);
    }

    static String agentState(Http supervisor, String workNumber) {
        for (JsonNode agent : supervisor.get("/api/routing/agents").json()) {
            if (workNumber.equals(agent.path("workNumber").asString())) {
                return agent.path("state").asString();
            }
        }
        throw new AssertionError("no agent " + workNumber);
    }

    static JsonNode recordingOf(Http supervisor, String callId) {
        for (JsonNode recording : supervisor.get("/api/recordings?agent=intercept.lead").json()) {
            if (callId.equals(recording.path("callId").asString())) {
                return recording;
            }
        }
        return null;
    }
}
