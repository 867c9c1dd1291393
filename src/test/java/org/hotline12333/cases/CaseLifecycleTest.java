package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A case's life over real HTTP: registered from a call, handed off, signed for or returned, replied, closed. */
@HotlineTest
class CaseLifecycleTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    RecordedEvents events;
    @Autowired
    JdbcClient db;

    @AfterEach
    void realTime() {
        service.getBean(org.hotline12333.testkit.TestClock.class).reset();
    }

    /** The number agents ring from the desk for a three-way call with a department; never anything but a number. */
    @Test
    void aDepartmentKeepsTheNumberAgentsRingForAThreeWayCall() {
        CaseFixture fixture = new CaseFixture(service);
        String code = "dept-phone-" + CaseFixture.callerNumber();
        Http admin = fixture.admin();

        Http.Response kept = admin.put("/api/cases/departments/" + code,
                "{\"name\":\"城南区人力资源和社会保障局\",\"phone\":\"02085550101\"}");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().path("phone").asString()).isEqualTo("02085550101");
        Http.Response refused = admin.put("/api/cases/departments/" + code,
                "{\"name\":\"城南区人社局\",\"phone\":\"0208555,Dial(PJSIP/x)\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString()).isEqualTo("phone: '0208555,Dial(PJSIP/x)' is not a "
                + "telephone number: 3 to 20 digits, optionally after '+'");
        JsonNode listed = fixture.as(fixture.agent()).get("/api/cases/departments").json();
        assertThat(listed.valueStream().filter(d -> d.path("code").asString().equals(code)).findFirst().orElseThrow()
                .path("name").asString()).as("nothing half-saved").isEqualTo("城南区人力资源和社会保障局");
        assertThat(listed.valueStream().filter(d -> d.path("code").asString().equals("pension-office")).findFirst()
                .orElseThrow().path("phone").asString()).isEqualTo("02083330101");
    }

    @Test
    void anEnquiryAnsweredOnTheCallIsClosedThere() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String caller = CaseFixture.callerNumber();
        String callId = fixture.answeredCall(agent.workNumber(), caller);

        JsonNode c = fixture.register(fixture.as(agent), """
                {"kind":"ENQUIRY","classification":"110103","summary":"询问养老保险关系转移接续需要哪些材料",
                 "answer":"已一次性告知所需材料：参保缴费凭证、身份证"}""");

        assertThat(c.path("number").asString()).matches("12333-\\d{8}-\\d{4}");
        assertThat(c.path("state").asString()).isEqualTo("CLOSED");
        assertThat(c.path("owner").asString()).isEqualTo(agent.workNumber());
        assertThat(c.path("caller").path("number").asString()).isEqualTo(caller);
        assertThat(c.path("classification").path("path").asString()).isEqualTo("社会保险 / 养老保险 / 养老保险关系转移接续");
        assertThat(c.path("calls").get(0).path("callId").asString()).isEqualTo(callId);
        assertThat(c.path("calls").get(0).path("relation").asString()).isEqualTo("ORIGIN");
        assertThat(actions(c)).containsExactly("REGISTERED", "CLOSED");
        CaseClosed closed = events.await(CaseClosed.class, e -> e.number().equals(c.path("number").asString()));
        assertThat(closed.onTheCall()).isTrue();
        assertThat(closed.callerNumber()).isEqualTo(caller);
    }

    @Test
    void aReportIsHandedOffSignedForRepliedToAndClosedByItsOwner() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String inspector = CaseFixture.unique("inspector.");
        String department = fixture.department("劳动保障监察支队", inspector);
        Http inspection = fixture.departmentUser(inspector);
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());

        JsonNode c = fixture.register(fixture.as(agent), """
                {"kind":"REPORT","classification":"130201","summary":"某建筑公司拖欠农民工工资三个月",
                 "details":"工地位于城东区，约二十人","handOffTo":"%s","instructions":"请核查并书面答复"}"""
                .formatted(department));
        String number = c.path("number").asString();
        assertThat(c.path("state").asString()).isEqualTo("HANDED_OFF");
        assertThat(c.path("department").path("code").asString()).isEqualTo(department);
        assertThat(Instant.parse(c.path("signForDue").asString())).isAfter(Instant.parse(c.path("handedOffAt").asString()));

        JsonNode inbox = inspection.get("/api/cases/department/inbox").json();
        assertThat(inbox.path("department").path("name").asString()).isEqualTo("劳动保障监察支队");
        assertThat(numbers(inbox.path("cases"))).containsExactly(number);
        assertThat(inspection.post("/api/cases/department/" + number + "/sign-for", "").json().path("state").asString())
                .isEqualTo("SIGNED_FOR");
        Http.Response noResult = inspection.post("/api/cases/department/" + number + "/reply",
                "{\"text\":\"经查属实，已责令限期支付\"}");
        assertThat(noResult.status()).isEqualTo(400);
        assertThat(noResult.json().path("detail").asString()).contains("result").contains("属实");
        JsonNode replied = inspection.post("/api/cases/department/" + number + "/reply",
                "{\"text\":\"经查属实，已责令该公司十日内支付\",\"result\":\"SUBSTANTIATED\"}").json();
        assertThat(replied.path("state").asString()).isEqualTo("REPLIED");
        assertThat(replied.path("resultName").asString()).isEqualTo("属实");
        assertThat(numbers(inspection.get("/api/cases/department/inbox").json().path("cases"))).doesNotContain(number);
        assertThat(numbers(inspection.get("/api/cases/department/inbox?done=true").json().path("cases"))).contains(number);

        JsonNode closedCase = fixture.as(agent).post("/api/cases/" + number + "/close",
                "{\"answer\":\"已电话告知来电人核查结果\"}").json();

        assertThat(closedCase.path("state").asString()).isEqualTo("CLOSED");
        assertThat(closedCase.path("result").asString()).isEqualTo("SUBSTANTIATED");
        // CONTACTED: the caller is told of the reply (by the owner's callback, the default; docs/outreach.md)
        assertThat(actions(closedCase)).containsExactly("REGISTERED", "HANDED_OFF", "SIGNED_FOR", "REPLIED",
                "CONTACTED", "CLOSED");
        assertThat(closedCase.path("history").get(2).path("actor").asString()).isEqualTo(inspector);
        assertThat(closedCase.path("history").get(1).path("text").asString()).isEqualTo("请核查并书面答复");
        assertThat(events.await(CaseClosed.class, e -> e.number().equals(number)).onTheCall()).isFalse();
    }

    @Test
    void aReturnedCaseGoesBackToItsOwnerWithTheReasonAndOnToAnotherDepartment() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String clerk = CaseFixture.unique("clerk.");
        String wrong = fixture.department("城西区人社局", clerk);
        String right = fixture.department("市社会保障卡服务中心");
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String number = fixture.register(fixture.as(agent), """
                {"kind":"HELP","classification":"110602","summary":"社保卡丢失，补卡三周未收到","handOffTo":"%s"}"""
                .formatted(wrong)).path("number").asString();
        Http west = fixture.departmentUser(clerk);

        Http.Response noReason = west.post("/api/cases/department/" + number + "/return", "{\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("detail").asString()).isEqualTo("reason: must not be blank");
        JsonNode returned = west.post("/api/cases/department/" + number + "/return",
                "{\"reason\":\"补卡由市社保卡服务中心办理，不属本单位职责\"}").json();
        assertThat(returned.path("state").asString()).isEqualTo("RETURNED");
        assertThat(numbers(west.get("/api/cases/department/inbox").json().path("cases"))).doesNotContain(number);

        JsonNode again = fixture.as(agent).post("/api/cases/" + number + "/hand-off",
                "{\"department\":\"" + right + "\"}").json();

        assertThat(again.path("state").asString()).isEqualTo("HANDED_OFF");
        assertThat(again.path("department").path("code").asString()).isEqualTo(right);
        assertThat(again.path("returnedCount").asInt()).isEqualTo(1);
        JsonNode returnEntry = again.path("history").get(2);
        assertThat(returnEntry.path("action").asString()).isEqualTo("RETURNED");
        assertThat(returnEntry.path("text").asString()).isEqualTo("补卡由市社保卡服务中心办理，不属本单位职责");
        assertThat(returnEntry.path("department").asString()).isEqualTo(wrong);
        assertThat(west.get("/api/cases/department/" + number).status()).isEqualTo(404);
    }

    @Test
    void stepsTheMachineDoesNotAllowAreRefusedAndLeaveNothingBehind() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String clerk = CaseFixture.unique("pension.");
        String department = fixture.department("养老保险科", clerk);
        Http pension = fixture.departmentUser(clerk);
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String number = fixture.register(fixture.as(agent), """
                {"kind":"COMPLAINT","complaintAbout":"DEPARTMENT","classification":"110105",
                 "summary":"养老金调整后未按时发放","handOffTo":"%s"}""".formatted(department)).path("number").asString();
        JsonNode before = fixture.as(agent).get("/api/cases/" + number).json();

        Http.Response replyUnsigned = pension.post("/api/cases/department/" + number + "/reply",
                "{\"text\":\"已补发\",\"result\":\"SUBSTANTIATED\"}");
        Http.Response closeHandedOff = fixture.as(agent).post("/api/cases/" + number + "/close",
                "{\"answer\":\"x\",\"result\":\"NOT_SUBSTANTIATED\"}");
        Http.Response reopenOpen = fixture.as(agent).post("/api/cases/" + number + "/reopen", "{\"reason\":\"x\"}");
        Http.Response handOffAgain = fixture.as(agent).post("/api/cases/" + number + "/hand-off",
                "{\"department\":\"" + department + "\"}");

        assertThat(List.of(replyUnsigned, closeHandedOff, reopenOpen, handOffAgain))
                .allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(409));
        assertThat(replyUnsigned.json().path("detail").asString()).isEqualTo("case " + number + " is HANDED_OFF (已交办): "
                + "it cannot be replied to (答复) now; only a case that is SIGNED_FOR can");
        assertThat(replyUnsigned.header("Content-Type")).startsWith("application/problem+json");
        JsonNode after = fixture.as(agent).get("/api/cases/" + number).json();
        assertThat(after.path("state").asString()).isEqualTo("HANDED_OFF");
        assertThat(after.path("history")).isEqualTo(before.path("history"));
        assertThat(after.path("reply").isNull()).isTrue();

        pension.post("/api/cases/department/" + number + "/sign-for", "");
        assertThat(pension.post("/api/cases/department/" + number + "/sign-for", "").status()).isEqualTo(409);
        pension.post("/api/cases/department/" + number + "/reply", "{\"text\":\"已于本月补发\",\"result\":\"SUBSTANTIATED\"}");
        Http.Response closeWithoutAnswer = fixture.as(agent).post("/api/cases/" + number + "/close", "{}");
        assertThat(closeWithoutAnswer.status()).isEqualTo(400);
        assertThat(closeWithoutAnswer.json().path("detail").asString()).isEqualTo("answer: must not be blank");
        Http.Response wrongResult = fixture.as(agent).post("/api/cases/" + number + "/close",
                "{\"answer\":\"已告知\",\"result\":\"RESOLVED\"}");
        assertThat(wrongResult.status()).isEqualTo(400);
        assertThat(wrongResult.json().path("detail").asString()).startsWith("result: a complaint (投诉) needs a result");
        assertThat(fixture.as(agent).get("/api/cases/" + number).json().path("state").asString()).isEqualTo("REPLIED");
    }

    @Test
    void aCaseWithoutKindOrClassificationOrWithAnUnknownCodeIsRefusedAndNothingIsSaved() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        Http desk = fixture.as(agent);
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        int openBefore = desk.get("/api/cases/mine").json().size();
        String first = fixture.register(desk, "{\"kind\":\"HELP\",\"classification\":\"120201\",\"summary\":\"创业担保贷款\"}")
                .path("number").asString();

        List<Http.Response> refused = new ArrayList<>();
        refused.add(desk.post("/api/cases", "{\"summary\":\"没有类型和分类\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"HELP\",\"classification\":\"999999\",\"summary\":\"x\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"HELP\",\"classification\":\"110100\",\"summary\":\"x\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"GOSSIP\",\"classification\":\"110101\",\"summary\":\"x\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"COMPLAINT\",\"classification\":\"150201\",\"summary\":\"x\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"HELP\",\"classification\":\"110101\",\"summary\":\"x\","
                + "\"idNumber\":\"110101199003071235\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"HELP\",\"classification\":\"110101\",\"summary\":\"x\","
                + "\"handOffTo\":\"no-such-department\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"HELP\",\"classification\":\"110101\",\"summary\":\"x\","
                + "\"handOffTo\":\"x\",\"answer\":\"y\"}"));
        refused.add(desk.post("/api/cases", "{\"kind\":\"REPORT\",\"classification\":\"130201\",\"summary\":\"x\","
                + "\"answer\":\"已解答\"}"));

        assertThat(refused).extracting(Http.Response::status).containsOnly(400);
        assertThat(refused).extracting(r -> r.json().path("detail").asString()).containsExactly(
                "classification: must not be blank; kind: must not be null",
                "classification: unknown code '999999' (GET /api/classifications/search?q=... finds one)",
                "classification: 110100 (养老保险) is a medium class; choose one of the minor classes under it",
                "kind: 'GOSSIP' is not one of ENQUIRY, HELP, COMPLAINT, REPORT, SUGGESTION, PRAISE",
                "complaintAbout: a complaint says what it is about: POLICY, DEPARTMENT or STAFF",
                "idNumber: not a valid resident ID number (18 characters with a correct check character)",
                "department: no department 'no-such-department' (GET /api/cases/departments lists them)",
                "handOffTo, answer: a new case is either handed off or closed on the call, not both",
                "result: a report (举报) needs a result of SUBSTANTIATED, PARTLY_SUBSTANTIATED or NOT_SUBSTANTIATED "
                        + "(属实 / 部分属实 / 不属实)");
        assertThat(desk.get("/api/cases/mine").json().size()).isEqualTo(openBefore + 1);
        String next = fixture.register(desk, "{\"kind\":\"HELP\",\"classification\":\"120201\",\"summary\":\"再次\"}")
                .path("number").asString();
        assertThat(sequence(next)).as("no number was used up by the refused cases").isEqualTo(sequence(first) + 1);
    }

    @Test
    void onlyTheOwnerOrASupervisorHandsOffOrClosesButAnyAgentMayAddANote() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent owner = fixture.agent();
        TestAgent colleague = fixture.agent();
        Http supervisor = fixture.user("SUPERVISOR");
        String department = fixture.department("市公共就业和人才服务中心");
        fixture.answeredCall(owner.workNumber(), CaseFixture.callerNumber());
        Http.Response notTheirCall = fixture.as(colleague).post("/api/cases", "{\"callId\":\""
                + fixture.answeredCall(owner.workNumber(), CaseFixture.callerNumber())
                + "\",\"kind\":\"HELP\",\"classification\":\"120104\",\"summary\":\"x\"}");
        assertThat(notTheirCall.status()).isEqualTo(403);
        assertThat(notTheirCall.json().path("detail").asString()).contains("answered by agent " + owner.workNumber())
                .contains("首问负责");
        String number = fixture.register(fixture.as(owner), "{\"kind\":\"HELP\",\"classification\":\"120104\","
                + "\"summary\":\"就业困难人员认定进度\"}").path("number").asString();

        Http.Response handOff = fixture.as(colleague).post("/api/cases/" + number + "/hand-off",
                "{\"department\":\"" + department + "\"}");
        assertThat(handOff.status()).isEqualTo(403);
        assertThat(handOff.json().path("detail").asString()).isEqualTo("case " + number + " is owned by agent "
                + owner.workNumber() + " (首问负责): only they or a supervisor may hand off it");
        assertThat(fixture.as(colleague).post("/api/cases/" + number + "/notes", "{\"text\":\"来电人再次来电催办\"}")
                .status()).isEqualTo(200);
        assertThat(fixture.as(colleague).post("/api/cases/" + number + "/close", "{\"answer\":\"x\"}").status())
                .isEqualTo(403);
        JsonNode closed = supervisor.post("/api/cases/" + number + "/close", "{\"answer\":\"已答复\"}").json();

        assertThat(closed.path("state").asString()).isEqualTo("CLOSED");
        assertThat(actions(closed)).containsExactly("REGISTERED", "NOTE", "CLOSED");
        JsonNode reopened = fixture.as(colleague).post("/api/cases/" + number + "/reopen",
                "{\"reason\":\"来电人对答复不满意\"}").json();
        assertThat(reopened.path("state").asString()).isEqualTo("REOPENED");
        assertThat(reopened.path("reopenedCount").asInt()).isEqualTo(1);
        assertThat(reopened.path("owner").asString()).isEqualTo(owner.workNumber());
        assertThat(numbers(fixture.as(owner).get("/api/cases/mine").json())).contains(number);
    }

    @Test
    void caseNumbersRunPerDay() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        fixture.clock.set(Instant.parse("2025-03-17T02:00:00Z")); // 10:00 in Beijing
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String body = "{\"kind\":\"SUGGESTION\",\"classification\":\"150102\",\"summary\":\"建议增加夜间人工服务\"}";

        String first = fixture.register(fixture.as(agent), body).path("number").asString();
        String second = fixture.register(fixture.as(agent), body).path("number").asString();
        fixture.clock.set(Instant.parse("2025-03-17T16:30:00Z")); // 00:30 on the 18th in Beijing
        String nextDay = fixture.register(fixture.as(agent), body).path("number").asString();

        assertThat(List.of(first, second, nextDay))
                .containsExactly("12333-20250317-0001", "12333-20250317-0002", "12333-20250318-0001");
    }

    @Test
    void historyEntriesAreOnlyEverAdded() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String number = fixture.register(fixture.as(agent), "{\"kind\":\"PRAISE\",\"classification\":\"150201\","
                + "\"summary\":\"表扬坐席耐心细致\"}").path("number").asString();
        List<JsonNode> seen = new ArrayList<>();
        for (String step : List.of("/notes", "/notes", "/close")) {
            JsonNode before = fixture.as(agent).get("/api/cases/" + number).json().path("history");
            fixture.as(agent).post("/api/cases/" + number + step, "{\"text\":\"备注\",\"answer\":\"已转达\"}");
            JsonNode after = fixture.as(agent).get("/api/cases/" + number).json().path("history");
            assertThat(after.size()).isEqualTo(before.size() + 1);
            for (int i = 0; i < before.size(); i++) {
                assertThat(after.get(i)).isEqualTo(before.get(i));
            }
            seen.add(after);
        }
        long id = db.sql("SELECT id FROM hotline_case WHERE case_number = ?").param(number).query(Long.class).single();
        assertThat(db.sql("SELECT COUNT(*) FROM case_history WHERE case_id = ?").param(id).query(Long.class).single())
                .isEqualTo(seen.get(2).size());
    }

    static List<String> actions(JsonNode c) {
        List<String> actions = new ArrayList<>();
        c.path("history").forEach(entry -> actions.add(entry.path("action").asString()));
        return actions;
    }

    static List<String> numbers(JsonNode lines) {
        List<String> numbers = new ArrayList<>();
        lines.forEach(line -> numbers.add(line.path("number").asString()));
        return numbers;
    }

    private static int sequence(String number) {
        return Integer.parseInt(number.substring(number.lastIndexOf('-') + 1));
    }
}
