package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline12333.outreach.OutreachFixture.created;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hotline12333.privacy.Mask;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.SmscStandIn;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * 一次性告知 as an agent sends it: the documents of the knowledge base article they used go by text message to the
 * caller of their call, through the SMSC stand-in over SMPP, in UCS2 and as one long message in segments that join up;
 * the supervisor sees it delivered. The number is the call's; bad requests are refused with nothing queued.
 */
@HotlineTest
class DocumentListSmsTest {

    @Autowired
    ApplicationContext service;
    OutreachFixture fixture;

    @BeforeEach
    void gatewayAndMorning() {
        fixture = new OutreachFixture(service);
    }

    @AfterEach
    void realTime() {
        fixture.clock.reset();
    }

    @Test
    void theCallerGetsTheWholeListOnTheirPhoneAsOneChineseMessageAndTheSupervisorSeesItDelivered() {
        TestAgent agent = fixture.agent();
        String caller = OutreachFixture.mobile();
        String callId = fixture.answeredCall(agent.workNumber(), caller);

        JsonNode queued = created(agent.http(fixture.port).post("/api/outreach/document-list",
                "{\"article\":\"pension-calculation\"}"));

        assertThat(queued.path("recipient").asString()).isEqualTo(Mask.phone(caller)).contains("****");
        assertThat(queued.path("callId").asString()).isEqualTo(callId);
        assertThat(queued.path("purpose").asString()).isEqualTo("DOCUMENT_LIST");
        assertThat(queued.path("articleCode").asString()).isEqualTo("pension-calculation");
        JsonNode delivered = fixture.awaitState(queued.path("id").asLong(), "DELIVERED");
        List<SmscStandIn.Submit> submits = fixture.smsc.submitsTo(caller);
        assertThat(submits).as("155 characters of Chinese: three UCS2 segments of at most 67").hasSize(3);
        assertThat(submits).allSatisfy(s -> {
            assertThat(s.dataCoding()).as("UCS2").isEqualTo((byte) 0x08);
            assertThat(s.udh()).isTrue();
            assertThat(s.from()).isEqualTo("10690012333");
        });
        assertThat(submits.stream().map(s -> s.concatenation()[0]).distinct()).as("one reference").hasSize(1);
        assertThat(submits.stream().map(s -> s.concatenation()[1] + "/" + s.concatenation()[2]))
                .containsExactly("3/1", "3/2", "3/3");
        String text = fixture.smsc.textsTo(caller).get(0);
        assertThat(text).startsWith("【12333】您咨询的“退休后基本养老金如何计发”需携带以下材料：1.")
                .endsWith("请一次备齐，详询12333。").contains("身份证").contains("5.");
        assertThat(delivered.path("text").asString()).isEqualTo(text);
        assertThat(delivered.path("segments")).extracting(s -> s.path("receipt").asString())
                .containsExactly("DELIVRD", "DELIVRD", "DELIVRD");
        assertThat(delivered.path("segments")).extracting(s -> s.path("gatewayId").asString())
                .containsExactlyElementsOf(submits.stream().map(SmscStandIn.Submit::messageId).toList());
        assertThat(delivered.path("stateName").asString()).isEqualTo("已送达");

        JsonNode onTheCall = agent.http(fixture.port).get("/api/outreach/call-messages?callId=" + callId).json();
        assertThat(onTheCall).hasSize(1);
        assertThat(onTheCall.get(0).path("state").asString()).isEqualTo("DELIVERED");
        JsonNode audit = fixture.supervisor().get("/api/outreach/contacts?number=" + caller).json();
        assertThat(audit).extracting(e -> e.path("event").asString()).anySatisfy(e -> assertThat(e)
                .startsWith("queued")).anySatisfy(e -> assertThat(e).startsWith("sent"));
        assertThat(audit).extracting(e -> e.path("actor").asString()).contains(agent.username());
    }

    @Test
    void theNumberIsTheCallersAndOnlyASupervisorSendsElsewhere() {
        TestAgent agent = fixture.agent();
        TestAgent colleague = fixture.agent();
        String caller = OutreachFixture.mobile();
        String callId = fixture.answeredCall(agent.workNumber(), caller);
        Http desk = agent.http(fixture.port);

        Http.Response elsewhere = desk.post("/api/outreach/document-list", "{\"article\":\"pension-calculation\","
                + "\"number\":\"13912345678\"}");
        Http.Response notTheirs = colleague.http(fixture.port).post("/api/outreach/document-list",
                "{\"article\":\"pension-calculation\",\"callId\":\"" + callId + "\"}");
        Http.Response unknown = desk.post("/api/outreach/document-list", "{\"article\":\"no-such-article\"}");
        Http.Response none = desk.post("/api/outreach/document-list", "{}");

        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.json().path("detail").asString()).isEqualTo("number: the list goes to the caller of call "
                + callId + "; only a supervisor sends it to another number");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.json().path("detail").asString()).startsWith("call " + callId + " is not yours");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asString()).isEqualTo("no article no-such-article in force today");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("detail").asString()).startsWith("article:");
        assertThat(fixture.supervisor().get("/api/outreach/messages?call=" + callId).json()).as("nothing queued")
                .isEmpty();

        String other = OutreachFixture.mobile();
        JsonNode bySupervisor = created(fixture.user("SUPERVISOR").post("/api/outreach/document-list",
                "{\"article\":\"unemployment-benefit\",\"callId\":\"" + callId + "\",\"number\":\"+86 " + other + "\"}"));
        fixture.awaitState(bySupervisor.path("id").asLong(), "DELIVERED");
        assertThat(fixture.smsc.textsTo(other)).hasSize(1);
        assertThat(fixture.smsc.submitsTo(caller)).isEmpty();

        Http.Response badNumber = fixture.user("SUPERVISOR").post("/api/outreach/document-list",
                "{\"article\":\"unemployment-benefit\",\"callId\":\"" + callId + "\",\"number\":\"12345\"}");
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.json().path("detail").asString()).startsWith("number: '" + Mask.phone("12345")
                + "' is not a mobile number");
    }

    @Test
    void aLandlineCallerGetsNoTextMessageAndTheAgentIsToldWhy() {
        TestAgent agent = fixture.agent();
        fixture.answeredCall(agent.workNumber(), "02088886666");

        Http.Response refused = agent.http(fixture.port).post("/api/outreach/document-list",
                "{\"article\":\"pension-calculation\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString()).isEqualTo("number: '" + Mask.phone("02088886666")
                + "' is not a mobile number a text message can go to (11 digits starting 13 to 19, optionally +86); "
                + "a landline cannot get one");
    }

    @Test
    void aListBeyondTheConcatenationLimitIsRefusedAndNothingIsQueued() {
        Http writer = fixture.user("SUPERVISOR");
        Http approver = fixture.user("SUPERVISOR");
        String code = "long-list-" + OutreachFixture.mobile();
        String documents = IntStream.rangeClosed(1, 12).mapToObj(i -> "\"第" + i + "项：" + "加盖单位公章的相关证明材料原件及复印件"
                .repeat(3) + "\"").collect(Collectors.joining(","));
        OutreachFixture.require(writer.post("/api/knowledge/articles/" + code + "/versions", """
                {"title":"材料很多的事项","answer":"请按清单准备。","basis":"测试依据","classifications":["110104"],
                 "documents":[%s],"effectiveFrom":"2024-01-01"}""".formatted(documents)));
        OutreachFixture.require(approver.post("/api/knowledge/articles/" + code + "/versions/1/approve",
                "{\"note\":\"ok\"}"));
        TestAgent agent = fixture.agent();
        String caller = OutreachFixture.mobile();
        String callId = fixture.answeredCall(agent.workNumber(), caller);

        Http.Response refused = agent.http(fixture.port).post("/api/outreach/document-list",
                "{\"article\":\"" + code + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString()).startsWith("the document list of " + code + " would be ")
                .contains("segments of a long text message; the gateway takes at most 6")
                .endsWith("shorten it, or read it out");
        assertThat(fixture.supervisor().get("/api/outreach/messages?call=" + callId).json()).isEmpty();
    }

    @Test
    void theCallOfAConfidentialCaseGetsNoTextMessage() {
        TestAgent agent = fixture.agent();
        String caller = OutreachFixture.mobile();
        String callId = fixture.answeredCall(agent.workNumber(), caller);
        JsonNode registered = created(agent.http(fixture.port).post("/api/cases", "{\"kind\":\"REPORT\","
                + "\"classification\":\"130201\",\"summary\":\"举报某单位拖欠工资\",\"confidential\":true}"));

        Http.Response refused = agent.http(fixture.port).post("/api/outreach/document-list",
                "{\"article\":\"wage-arrears\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).isEqualTo("call " + callId + " belongs to confidential "
                + "case " + registered.path("number").asString() + " (保密): no text message goes to its caller; "
                + "read the list out");
        assertThat(fixture.smsc.submitsTo(caller)).isEmpty();
    }
}
