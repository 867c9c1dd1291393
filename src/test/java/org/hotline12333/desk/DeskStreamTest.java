package org.hotline12333.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.testkit.EventStream;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The desk's event stream, read as the page's EventSource reads it, while a caller goes through the real 12333 menu
 * to the agent: the screen-pop is pushed on offer and on answer with everything the agent needs before hello, the
 * wrap-up when the call ends; nobody else's desk hears of it; the stream ends when the agent loses access.
 */
@HotlineTest
class DeskStreamTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    CallRecords records;
    @Autowired
    JdbcClient db;

    DeskFixture fixture;
    final List<TestAgent> agents = new ArrayList<>();

    @BeforeEach
    void mondayMorning() {
        fixture = new DeskFixture(service);
        fixture.clock.set(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
    }

    @AfterEach
    void realTimeAndAgentsLoggedOut() {
        fixture.clock.reset();
        agents.forEach(a -> a.http(fixture.port).post("/api/desk/state", "{\"action\":\"LOGOUT\"}"));
    }

    private TestAgent ready(String... groups) {
        TestAgent agent = TestAgent.ready(fixture.port, groups);
        agents.add(agent);
        return agent;
    }

    @Test
    void theScreenPopIsPushedOnOfferAndAnswerAndTheWrapUpWhenTheCallEnds() {
        TestAgent agent = ready("pension");
        TestAgent colleague = ready("medical");
        String caller = DeskFixture.callerNumber();
        String earlier = fixture.earlierCall(agent.workNumber(), caller, Satisfaction.DISSATISFIED);
        Http desk = agent.http(fixture.port);
        String department = "pension-office";
        JsonNode openCase = desk.post("/api/cases", "{\"callId\":\"" + earlier + "\",\"kind\":\"HELP\","
                + "\"classification\":\"110103\",\"summary\":\"转移接续卡在转出地\",\"handOffTo\":\"" + department
                + "\",\"instructions\":\"请核实进度\"}").json();

        String callId;
        try (EventStream mine = EventStream.open(fixture.port, "/api/desk/stream", agent.username(), agent.password());
             EventStream theirs = EventStream.open(fixture.port, "/api/desk/stream", colleague.username(),
                     colleague.password())) {
            assertThat(mine.status()).isEqualTo(200);
            JsonNode snapshot = mine.await("snapshot", s -> true).data();
            assertThat(snapshot.path("agent").path("state").asString()).isEqualTo("READY");
            assertThat(snapshot.path("agent").path("phone").asString()).isEqualTo(agent.endpoint());
            assertThat(snapshot.path("call").isNull()).isTrue();
            theirs.await("snapshot", s -> true);

            DeskFixture.Caller call = fixture.call(caller, "1", "1", "2", "0"); // 社会保险, 养老, 退休待遇, 人工
            callId = call.callId;

            JsonNode offer = mine.await("offer", pop -> call.callId.equals(pop.path("callId").asString())).data();
            assertThat(offer.path("stage").asString()).isEqualTo("OFFERED");
            assertThat(offer.path("caller").asString()).isEqualTo(caller.substring(0, 3) + "****"
                    + caller.substring(7));
            assertThat(offer.path("pathWords").asString()).isEqualTo("社会保险 › 养老保险 › 退休待遇 › 人工");
            assertThat(offer.path("keys").asString()).isEqualTo("1-1-2-0");
            assertThat(offer.path("idVerified").asBoolean()).isFalse();
            assertThat(offer.path("skillGroup").asString()).isEqualTo("pension");
            assertThat(offer.path("lastSatisfaction").asString()).isEqualTo("DISSATISFIED");
            assertThat(offer.path("previousContacts").get(0).path("callId").asString()).isEqualTo(earlier);
            assertThat(offer.path("previousContacts").get(0).path("classification").asString()).isEqualTo("110103");
            assertThat(offer.path("previousContacts").get(0).path("classificationName").asString())
                    .isEqualTo("养老保险关系转移接续");
            assertThat(offer.path("openCases").get(0).path("number").asString())
                    .isEqualTo(openCase.path("number").asString());
            assertThat(offer.path("suggestions").get(0).path("code").asString()).isEqualTo("pension-calculation");
            assertThat(offer.path("suggestions").get(0).path("why").get(0).asString())
                    .isEqualTo("IVR pension-retirement");
            assertThat(offer.toString()).doesNotContain(caller);

            call.answeredBy(agent);
            JsonNode answer = mine.await("answer", pop -> call.callId.equals(pop.path("callId").asString())).data();
            assertThat(answer.path("stage").asString()).isEqualTo("ANSWERED");
            assertThat(answer.path("answeredAt").isNull()).isFalse();
            mine.await("state", state -> state.path("state").asString().equals("ON_CALL"));

            // the agent reads the agreed answer on the call: quality sees it
            assertThat(desk.get("/api/desk/articles/pension-calculation").status()).isEqualTo(200);

            call.hangUp();
            JsonNode wrapUp = mine.await("wrap-up", w -> call.callId.equals(w.path("callId").asString())).data();
            assertThat(wrapUp.path("caseDefaults").path("summary").asString()).isEqualTo("社会保险 › 养老保险 › 退休待遇");
            assertThat(java.time.Duration.between(java.time.Instant.parse(wrapUp.path("endedAt").asString()),
                    java.time.Instant.parse(wrapUp.path("until").asString()))).as("the pension group's wrap-up time")
                    .isEqualTo(java.time.Duration.ofSeconds(30));
            assertThat(wrapUp.path("caseDefaults").path("departmentName").asString()).isEqualTo("市社会保险事业管理中心 养老保险科");

            DeskFixture.require(desk.post("/api/desk/wrap-up", "{\"classification\":\"110104\",\"note\":\"已告知计发办法\"}"));
            assertThat(records.find(call.callId).orElseThrow().routing().disposition()).isEqualTo("110104");
            assertThat(theirs.events()).extracting(EventStream.Event::type).doesNotContain("offer", "answer", "wrap-up");
        }

        Http supervisor = supervisor();
        JsonNode opened = supervisor.get("/api/knowledge/openings?call=" + callId).json();
        assertThat(opened.get(0).path("code").asString()).isEqualTo("pension-calculation");
        assertThat(opened.get(0).path("workNumber").asString()).isEqualTo(agent.workNumber());
        // the scoring sheet: the agreed answer for the call's class was looked at
        JsonNode used = supervisor.get("/api/quality/calls/" + callId).json().path("knowledge");
        assertThat(used.path("classification").asString()).isEqualTo("110104");
        assertThat(used.path("agreedAnswers").valueStream().map(a -> a.path("code").asString()))
                .contains("pension-calculation");
        assertThat(used.path("opened").get(0).path("code").asString()).isEqualTo("pension-calculation");
        assertThat(used.path("agreedAnswerOpened").asBoolean()).isTrue();
    }

    /** Another instance holds the caller and changes the agent's state in the shared database: the page follows. */
    @Test
    void aChangeMadeByAnotherInstanceReachesThePage() {
        TestAgent agent = ready("personnel");
        try (EventStream stream = EventStream.open(fixture.port, "/api/desk/stream", agent.username(),
                agent.password())) {
            stream.await("snapshot", s -> s.path("agent").path("state").asString().equals("READY"));

            db.sql("UPDATE agent SET state = 'PAUSED', pause_reason = 'MEETING', state_since = ?, version = version + 1 "
                    + "WHERE work_number = ?").params(java.sql.Timestamp.from(fixture.clock.instant()),
                    agent.workNumber()).update();

            stream.await("state", s -> s.path("state").asString().equals("PAUSED")
                    && s.path("pauseReason").asString().equals("MEETING"));
        }
    }

    @Test
    void aGreenChannelCallerIsShownAsOne() {
        TestAgent agent = ready("general");
        try (EventStream stream = EventStream.open(fixture.port, "/api/desk/stream", agent.username(),
                agent.password())) {
            stream.await("snapshot", s -> true);

            DeskFixture.Caller call = fixture.call("13900000001"); // on the test configuration's green channel

            JsonNode offer = stream.await("offer", pop -> call.callId.equals(pop.path("callId").asString())).data();
            assertThat(offer.path("greenChannel").asString()).isEqualTo("large employer");
            assertThat(offer.path("caller").asString()).isEqualTo("139****0001");
            call.answeredBy(agent);
            call.hangUp();
            stream.await("wrap-up", w -> call.callId.equals(w.path("callId").asString()));
            DeskFixture.require(agent.http(fixture.port).post("/api/desk/wrap-up",
                    "{\"classification\":\"110301\"}"));

            // nothing was read on this call: the scoring sheet shows the agreed answer that was not looked at
            JsonNode used = supervisor().get("/api/quality/calls/" + call.callId).json().path("knowledge");
            assertThat(used.path("opened").isEmpty()).isTrue();
            assertThat(used.path("agreedAnswers").valueStream().map(a -> a.path("code").asString()))
                    .contains("unemployment-benefit");
            assertThat(used.path("agreedAnswerOpened").isBoolean()).isTrue();
            assertThat(used.path("agreedAnswerOpened").asBoolean()).isFalse();
        }
    }

    @Test
    void suggestionsFollowTheClassificationChosen() {
        TestAgent agent = ready("unemployment");
        Http desk = agent.http(fixture.port);

        JsonNode hits = desk.get("/api/desk/suggestions?classification=110301").json();
        assertThat(hits.get(0).path("code").asString()).isEqualTo("unemployment-benefit");
        assertThat(hits.get(0).path("why").get(0).asString()).isEqualTo("class 110301");
        Http.Response unknown = desk.get("/api/desk/suggestions?classification=999999");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asString()).startsWith("classification: unknown code '999999'");
    }

    @Test
    void theStreamEndsWhenTheAgentLosesAccessAndAUserWithoutAnAgentIsToldSo() {
        TestAgent agent = ready("general");
        try (EventStream stream = EventStream.open(fixture.port, "/api/desk/stream", agent.username(),
                agent.password())) {
            stream.await("snapshot", s -> true);
            DeskFixture.require(fixture.admin().patch("/api/users/" + agent.username(), "{\"enabled\":false}"));
            stream.awaitEnd();
        }
        DeskFixture.require(fixture.admin().patch("/api/users/" + agent.username(), "{\"enabled\":true}"));

        Http nobody = userWithoutAgent();
        Http.Response refused = nobody.get("/api/desk/stream");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().path("detail").asString()).startsWith("no agent is linked to user");
    }

    private Http supervisor() {
        String name = "desk.lead." + System.nanoTime();
        DeskFixture.require(fixture.admin().post("/api/users", "{\"username\":\"" + name
                + "\",\"password\":\"supervisor-password-1\",\"role\":\"SUPERVISOR\"}"));
        return Http.on(fixture.port).as(name, "supervisor-password-1");
    }

    private Http userWithoutAgent() {
        String name = "desk.nobody." + System.nanoTime();
        DeskFixture.require(fixture.admin().post("/api/users", "{\"username\":\"" + name
                + "\",\"password\":\"agent-password-1\",\"role\":\"AGENT\"}"));
        return Http.on(fixture.port).as(name, "agent-password-1");
    }
}
