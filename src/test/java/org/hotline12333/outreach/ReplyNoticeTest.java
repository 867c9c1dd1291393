package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline12333.outreach.OutreachFixture.created;

import java.time.Duration;
import java.util.Map;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * 回复告知: when a department has replied in writing, the caller is told as the case says — by text message (the reply
 * itself; only the case number for a confidential case), or by a callback from the case's owner, which is a recorded
 * call of its own, linked to the case.
 */
@HotlineTest
class ReplyNoticeTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    CallRecords records;
    @Autowired
    RecordedEvents events;
    OutreachFixture fixture;
    final AmiStandIn ami = StandInAsterisk.ami();

    @BeforeEach
    void gatewayAndMorning() {
        fixture = new OutreachFixture(service);
    }

    @AfterEach
    void realTime() {
        fixture.clock.reset();
        TestAgent.logOutAll(fixture.port);
    }

    @Test
    void aReplyGoesByTextMessageAndAConfidentialCasesMessageNamesOnlyItsNumber() {
        TestAgent agent = fixture.agent();
        Http department = department();
        String caller = OutreachFixture.mobile();
        String open = handedOff(agent, caller, "SMS", false);
        String secret = OutreachFixture.mobile();
        String confidential = handedOff(agent, secret, "SMS", true);

        reply(department, open, "经核实，您的养老保险关系已于11月28日转入本市，请携带身份证到社保窗口确认。");
        reply(department, confidential, "已责令该单位于十日内支付拖欠工资。");

        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.smsc.textsTo(caller).size() == 1
                && fixture.smsc.textsTo(secret).size() == 1);
        assertThat(fixture.smsc.textsTo(caller).get(0)).isEqualTo("【12333】您的工单" + open + "已有答复：经核实，您的养老"
                + "保险关系已于11月28日转入本市，请携带身份证到社保窗口确认。 如有疑问请致电12333。");
        assertThat(fixture.smsc.textsTo(secret).get(0)).isEqualTo("【12333】您的工单" + confidential
                + "已有答复，请致电12333并报工单编号查询。");
        JsonNode shown = await().atMost(Duration.ofSeconds(20)).until(() -> fixture.supervisor()
                .get("/api/cases/" + open).json(), c -> c.path("contacts").toString().contains("DELIVERED"));
        assertThat(shown.path("replyBy").asString()).isEqualTo("SMS");
        assertThat(shown.path("history").toString()).contains("回复告知: text message #");
        assertThat(shown.path("contacts").get(0).path("channel").asString()).isEqualTo("SMS");
    }

    @Test
    void aReplyIsToldByTheOwnersRecordedCallbackLinkedToTheCase() {
        TestAgent owner = TestAgent.ready(fixture.port);
        Http department = department();
        String caller = OutreachFixture.mobile();
        String number = handedOff(owner, caller, "CALLBACK", false);
        owner.http(fixture.port).post("/api/desk/state", "{\"action\":\"PAUSE\",\"reason\":\"MEAL\"}");
        int before = ami.actions("Originate").size();

        reply(department, number, "已为您补发社保卡，请于三个工作日后到银行网点领取。");
        assertThat(fixture.supervisor().get("/api/cases/" + number).json().path("history").toString())
                .contains("回复告知: a callback from agent " + owner.workNumber() + " is waiting for them");
        OutreachFixture.require(owner.http(fixture.port).post("/api/desk/state", "{\"action\":\"READY\"}"));
        fixture.clock.set(fixture.clock.instant().plusSeconds(1)); // routing looks for due callbacks as its clock moves

        Map<String, String> originate = await().atMost(Duration.ofSeconds(20)).until(() -> ami.actions("Originate")
                .stream().skip(before).filter(a -> owner.endpoint().equals(a.get("Channel"))).findFirst()
                .orElse(null), java.util.Objects::nonNull);
        assertThat(originate).containsEntry("Context", "hotline-outbound-call");
        String script = originate.get("Variable").replaceAll(".*HOTLINE_OUTBOUND=([^,]*).*", "$1");
        AgiStandIn.SimulatedCall call = AgiStandIn.call(agiPort()).script(script).from("12333")
                .dialing(target -> AgiStandIn.DialOutcome.answered(25)).start().awaitEnd();
        String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(call.uniqueId())).callId();

        assertThat(call.commands()).anySatisfy(c -> assertThat(c).startsWith("EXEC \"Dial\" \"Local/" + caller
                + "@hotline-outbound"));
        CallSummary made = await().atMost(Duration.ofSeconds(10)).until(() -> records.find(callId).orElseThrow(),
                c -> !c.open());
        assertThat(made.outboundPurpose()).isEqualTo("REPLY_CALLBACK");
        assertThat(made.routing().agent()).isEqualTo(owner.workNumber());
        JsonNode shown = await().atMost(Duration.ofSeconds(20)).until(() -> fixture.supervisor()
                .get("/api/cases/" + number).json(), c -> c.path("history").toString().contains("called the caller"));
        assertThat(shown.path("calls")).extracting(c -> c.path("relation").asString() + " " + c.path("callId")
                .asString()).contains("OUTREACH " + callId);
        assertThat(fixture.supervisor().get("/api/outreach/contacts?case=" + number).json())
                .extracting(e -> e.path("event").asString()).contains("the citizen answered the agent's callback");
    }

    private String handedOff(TestAgent agent, String caller, String replyBy, boolean confidential) {
        String callId = fixture.answeredCall(agent.workNumber(), caller);
        return created(agent.http(fixture.port).post("/api/cases", """
                {"callId":"%s","kind":"HELP","classification":"110103","summary":"转移接续进度","confidential":%s,
                 "replyBy":"%s","handOffTo":"%s","instructions":"请核实并书面答复"}""".formatted(callId, confidential,
                replyBy, departmentCode))).path("number").asString();
    }

    private String departmentCode;

    private Http department() {
        String user = "dept.o" + OutreachFixture.mobile();
        OutreachFixture.require(fixture.admin().post("/api/users", "{\"username\":\"" + user + "\",\"password\":\""
                + OutreachFixture.PASSWORD + "\",\"role\":\"DEPARTMENT\"}"));
        departmentCode = "dept-o" + OutreachFixture.mobile().substring(5);
        OutreachFixture.require(fixture.admin().put("/api/cases/departments/" + departmentCode,
                "{\"name\":\"城东区社保经办\",\"members\":[\"" + user + "\"]}"));
        return Http.on(fixture.port).as(user, OutreachFixture.PASSWORD);
    }

    private static void reply(Http department, String number, String text) {
        OutreachFixture.require(department.post("/api/cases/department/" + number + "/sign-for", ""));
        OutreachFixture.require(department.post("/api/cases/department/" + number + "/reply", "{\"text\":\"" + text
                + "\"}"));
    }

    private int agiPort() {
        return service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
    }

}
