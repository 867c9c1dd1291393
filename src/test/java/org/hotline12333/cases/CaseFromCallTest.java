package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.recording.CallRecorder;
import org.hotline12333.recording.RecordingState;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Cases and the agent's desk, through real calls (the Asterisk stand-in, routing, recording): the wrap-up's
 * classification, a case from the call just had, the caller's open cases on the next screen-pop (首问负责), and a
 * complaint about the agent that sends the recording to quality review.
 */
@HotlineTest
class CaseFromCallTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    CallRecords records;
    @Autowired
    Recordings recordings;
    @Autowired
    RecordedEvents events;

    @Test
    void theDeskWrapsUpWithACodeRegistersFromTheCallAndShowsTheCallersOpenCases() {
        CaseFixture fixture = new CaseFixture(service);
        String group = group(fixture);
        TestAgent agent = TestAgent.create(fixture.port, group);
        Http desk = fixture.as(agent);
        CaseFixture.require(desk.post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        String caller = CaseFixture.callerNumber();
        String scenario = scenario(group);

        String first = call(scenario, caller);
        await().atMost(Duration.ofSeconds(15)).until(() -> desk.get("/api/desk").json().path("state").asString()
                .equals("WRAP_UP"));
        Http.Response unknown = desk.post("/api/desk/wrap-up", "{\"classification\":\"pension-transfer\"}");
        Http.Response medium = desk.post("/api/desk/wrap-up", "{\"classification\":\"110100\",\"note\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).isEqualTo("classification: unknown code "
                + "'pension-transfer' (GET /api/classifications/search?q=... finds one)");
        assertThat(medium.status()).isEqualTo(400);
        assertThat(records.find(first).orElseThrow().routing().disposition()).as("nothing saved").isNull();
        JsonNode ready = desk.post("/api/desk/wrap-up", "{\"classification\":\"110103\",\"note\":\"已告知转移材料\"}")
                .json();
        assertThat(ready.path("state").asString()).isEqualTo("READY");
        CallSummary.Routing wrapped = records.find(first).orElseThrow().routing();
        assertThat(wrapped.disposition()).isEqualTo("110103");
        assertThat(wrapped.note()).isEqualTo("已告知转移材料");

        JsonNode registered = fixture.register(desk, "{\"kind\":\"HELP\",\"classification\":\"110103\","
                + "\"summary\":\"跨省转移接续卡在转出地\",\"callerName\":\"周建国\"}");
        String number = registered.path("number").asString();
        assertThat(registered.path("caller").path("number").asString()).isEqualTo(caller);
        assertThat(registered.path("calls").get(0).path("callId").asString()).isEqualTo(first);
        String recording = registered.path("calls").get(0).path("recordingId").asString();
        assertThat(registered.path("calls").get(0).path("audio").asString())
                .isEqualTo("/api/recordings/" + recording + "/audio");
        assertThat(events.await(CaseRegistered.class, e -> e.number().equals(number)).callId()).isEqualTo(first);

        AgiStandIn.SimulatedCall second = AgiStandIn.call(agiPort()).script(ScriptedCalls.SCRIPT + "?scenario="
                + scenario).from(caller).holdOn("EXEC \"Dial\"").start().awaitHeld();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> desk.get("/api/desk/call").status() == 200);
            JsonNode pop = desk.get("/api/desk/call").json();
            assertThat(pop.path("callerNumber").asString()).isEqualTo(caller);
            assertThat(pop.path("openCases")).hasSize(1);
            JsonNode open = pop.path("openCases").get(0);
            assertThat(open.path("number").asString()).isEqualTo(number);
            assertThat(open.path("classificationName").asString()).isEqualTo("养老保险关系转移接续");
            assertThat(open.path("owner").asString()).isEqualTo(agent.workNumber());
            assertThat(open.path("state").asString()).isEqualTo("REGISTERED");
            assertThat(pop.path("previousContacts").get(0).path("disposition").asString()).isEqualTo("110103");
        } finally {
            second.release();
            second.awaitEnd();
        }
    }

    @Test
    void aComplaintAboutTheAgentSendsTheRecordingToQualityReviewUntilItIsAnswered() {
        CaseFixture fixture = new CaseFixture(service);
        String group = group(fixture);
        TestAgent complainedOf = TestAgent.create(fixture.port, group);
        CaseFixture.require(fixture.as(complainedOf).post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        String caller = CaseFixture.callerNumber();
        String earlier = call(scenario(group), caller);
        RecordingView recording = closedRecording(earlier);
        TestAgent taker = fixture.agent();
        fixture.answeredCall(taker.workNumber(), caller);
        Http supervisor = fixture.user("SUPERVISOR");

        Http.Response missingCall = fixture.as(taker).post("/api/cases", "{\"kind\":\"COMPLAINT\",\"complaintAbout\":"
                + "\"STAFF\",\"classification\":\"150201\",\"summary\":\"x\"}");
        assertThat(missingCall.status()).isEqualTo(400);
        assertThat(missingCall.json().path("detail").asString()).startsWith("complainedCallId: a complaint about "
                + "staff names the call");
        JsonNode complaint = fixture.register(fixture.as(taker), """
                {"kind":"COMPLAINT","complaintAbout":"STAFF","complainedCallId":"%s","classification":"150201",
                 "summary":"来电人投诉坐席态度生硬，未一次性告知材料"}""".formatted(earlier));
        String number = complaint.path("number").asString();

        assertThat(complaint.path("complainedAgent").asString()).isEqualTo(complainedOf.workNumber());
        assertThat(complaint.path("calls")).extracting(c -> c.path("relation").asString())
                .containsExactlyInAnyOrder("ORIGIN", "COMPLAINED_ABOUT");
        assertThat(CaseLifecycleTest.actions(complaint)).containsExactly("REGISTERED", "QUALITY_REVIEW");
        assertThat(complaint.path("history").get(1).path("text").asString()).contains(recording.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> recordings.find(recording.id()).orElseThrow().complaintOpen());
        JsonNode queued = entryOf(supervisor.get("/api/quality/queue?limit=500").json(), earlier);
        assertThat(queued).as("the complained-about call waits for scoring").isNotNull();
        assertThat(queued.path("reasons").toString()).contains("COMPLAINT");

        JsonNode closed = supervisor.post("/api/cases/" + number + "/close", "{\"answer\":\"已约谈坐席并向来电人致歉\","
                + "\"result\":\"SUBSTANTIATED\"}").json();
        assertThat(closed.path("state").asString()).isEqualTo("CLOSED");
        await().atMost(Duration.ofSeconds(10)).until(() -> !recordings.find(recording.id()).orElseThrow()
                .complaintOpen());
    }

    private String group(CaseFixture fixture) {
        String code = CaseFixture.unique("cases-desk-");
        CaseFixture.require(fixture.admin().put("/api/routing/groups/" + code, "{\"code\":\"" + code
                + "\",\"name\":\"工单测试\",\"wrapUp\":\"PT30S\"}"));
        return code;
    }

    /** A scenario routing its caller to the group, recorded as every IVR call is. */
    private String scenario(String group) {
        String name = "cases-" + group;
        CallRouting routing = service.getBean(CallRouting.class);
        CallRecorder recorder = service.getBean(CallRecorder.class);
        service.getBean(ScriptedCalls.class).register(name, call -> {
            call.answer();
            recorder.start(call);
            routing.connect(call, RouteRequest.toGroup(group));
        });
        return name;
    }

    /** A whole call from this number, answered by an agent; returns its id once its record is closed. */
    private String call(String scenario, String caller) {
        AgiStandIn.SimulatedCall session = AgiStandIn.call(agiPort()).script(ScriptedCalls.SCRIPT + "?scenario="
                + scenario).from(caller).start().awaitEnd();
        String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        await().atMost(Duration.ofSeconds(15)).until(() -> records.find(callId).map(c -> !c.open()
                && c.routing().agent() != null).orElse(false));
        return callId;
    }

    private RecordingView closedRecording(String callId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> recordings.findByCall(callId).orElse(null),
                r -> r != null && r.state() != RecordingState.RECORDING);
    }

    private int agiPort() {
        return service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
    }

    private static JsonNode entryOf(JsonNode queue, String callId) {
        for (JsonNode entry : queue) {
            if (entry.path("callId").asString().equals(callId)) {
                return entry;
            }
        }
        return null;
    }
}
