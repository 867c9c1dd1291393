package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A scripted September of one department's cases against hand-computed figures (docs/cases.md), as the supervisors'
 * figures and beside the agents' rows in the monthly assessment and its department CSV; supervisors' search,
 * reassignment and the access log on the way.
 */
@HotlineTest
class CaseFiguresTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    ApplicationContext service;

    CaseFixture fixture;
    Http supervisor;

    @AfterEach
    void realTime() {
        fixture.clock.reset();
    }

    @Test
    void aMonthOfOneDepartmentsCasesGivesTheHandComputedFigures() {
        fixture = new CaseFixture(service);
        supervisor = fixture.admin();
        TestAgent agent = fixture.agent();
        Http desk = fixture.as(agent);
        String clerk = CaseFixture.unique("september.");
        String department = fixture.department("九月承办单位", clerk);
        String other = fixture.department("另一承办单位");
        Http works = fixture.departmentUser(clerk);

        at("2025-09-01T10:00");
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String a = number(fixture.register(desk, "{\"kind\":\"HELP\",\"classification\":\"120401\",\"summary\":\"A\","
                + "\"handOffTo\":\"" + department + "\"}"));
        String b = number(fixture.register(desk, "{\"kind\":\"COMPLAINT\",\"complaintAbout\":\"DEPARTMENT\","
                + "\"classification\":\"150301\",\"summary\":\"B\",\"handOffTo\":\"" + department + "\"}"));
        at("2025-09-02T09:00");
        ok(works.post("/api/cases/department/" + a + "/sign-for", ""));
        at("2025-09-02T10:00");
        ok(works.post("/api/cases/department/" + b + "/return", "{\"reason\":\"需先补充材料\"}"));
        at("2025-09-02T11:00");
        ok(desk.post("/api/cases/" + b + "/hand-off", "{\"department\":\"" + department + "\"}"));
        at("2025-09-03T09:00");
        ok(works.post("/api/cases/department/" + b + "/sign-for", ""));
        at("2025-09-03T10:00");
        ok(works.post("/api/cases/department/" + a + "/reply", "{\"text\":\"已办理\",\"result\":\"RESOLVED\"}"));
        at("2025-09-03T14:00");
        ok(desk.post("/api/cases/" + a + "/close", "{\"answer\":\"已告知\"}"));
        at("2025-09-04T09:00");
        JsonNode reopened = ok(desk.post("/api/cases/" + a + "/reopen", "{\"reason\":\"补贴未到账\"}"));
        assertThat(reopened.path("finishDue").asString()).isEqualTo("2025-09-11T16:00:00Z");
        at("2025-09-04T09:30");
        ok(desk.post("/api/cases/" + a + "/hand-off", "{\"department\":\"" + department + "\"}"));
        at("2025-09-04T10:00");
        ok(works.post("/api/cases/department/" + a + "/sign-for", ""));
        at("2025-09-05T10:00");
        ok(works.post("/api/cases/department/" + a + "/reply", "{\"text\":\"已补发\",\"result\":\"RESOLVED\"}"));
        at("2025-09-05T16:00");
        ok(desk.post("/api/cases/" + a + "/close", "{\"answer\":\"已告知到账\"}"));
        at("2025-09-10T10:00");
        ok(works.post("/api/cases/department/" + b + "/reply", "{\"text\":\"经查属实\",\"result\":\"SUBSTANTIATED\"}"));
        at("2025-09-10T15:00");
        ok(desk.post("/api/cases/" + b + "/close", "{\"answer\":\"已告知处理结果\"}"));
        at("2025-09-26T10:00");
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String c = number(fixture.register(desk, "{\"kind\":\"ENQUIRY\",\"classification\":\"120102\","
                + "\"summary\":\"C\",\"handOffTo\":\"" + department + "\"}"));

        List<String> expected = List.of(
                // department, kind, due, on time, %, handed off, returned, %, closed, reopened, %, hours to close
                "ENQUIRY,0,0,null,1,0,0.0,0,0,null,null",
                "HELP,1,1,100.0,2,0,0.0,2,1,50.0,77.0",
                "COMPLAINT,1,0,0.0,2,1,50.0,1,0,0.0,221.0",
                "null,2,1,50.0,5,1,20.0,3,1,33.3,125.0");
        assertThat(rows(supervisor.get("/api/cases/figures?month=2025-09").json(), department)).isEqualTo(expected);
        assertThat(supervisor.get("/api/cases/figures?month=June").status()).isEqualTo(400);

        Http.Response produced = supervisor.post("/api/quality/assessments/2025-09", "");
        assertThat(produced.status()).as(produced.body()).isEqualTo(201);
        assertThat(rows(produced.json().path("departments"), department)).isEqualTo(expected);
        assertThat(rows(supervisor.get("/api/quality/assessments/2025-09").json().path("departments"), department))
                .isEqualTo(expected);
        Http.BinaryResponse csv = supervisor.getBytes("/api/quality/assessments/2025-09/departments/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("quality-assessment-2025-09-departments.csv");
        List<String> lines = List.of(new String(csv.body(), 3, csv.body().length - 3, StandardCharsets.UTF_8)
                .split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("月份,承办单位代码,承办单位,类型,应办结,按时办结,按时办结率(%),交办,退回,退回率(%),"
                + "办结,重新办理,重办率(%),平均办结时长(小时)");
        assertThat(lines).contains("2025-09," + department + ",九月承办单位,求助,1,1,100.0,2,0,0.0,2,1,50.0,77.0",
                "2025-09," + department + ",九月承办单位,全部,2,1,50.0,5,1,20.0,3,1,33.3,125.0",
                "2025-09," + department + ",九月承办单位,咨询,0,0,,1,0,0.0,0,0,,");
        assertThat(fixture.as(agent).get("/api/cases/figures?month=2025-09").status()).isEqualTo(403);

        // supervisors: search, another department for the open case, the access log
        assertThat(CaseLifecycleTest.numbers(supervisor.get("/api/cases?department=" + department).json()))
                .containsExactlyInAnyOrder(a, b, c);
        assertThat(CaseLifecycleTest.numbers(supervisor.get("/api/cases?department=" + department
                + "&state=CLOSED").json())).containsExactlyInAnyOrder(a, b);
        assertThat(desk.get("/api/cases?department=" + department).status()).isEqualTo(403);
        JsonNode moved = ok(supervisor.post("/api/cases/" + c + "/reassign", "{\"department\":\"" + other
                + "\",\"reason\":\"属另一单位职责\"}"));
        assertThat(moved.path("department").path("code").asString()).isEqualTo(other);
        assertThat(CaseLifecycleTest.actions(moved)).containsExactly("REGISTERED", "HANDED_OFF", "REASSIGNED");
        assertThat(supervisor.post("/api/cases/" + c + "/reassign", "{\"owner\":\"no-such-agent\",\"reason\":\"x\"}")
                .status()).isEqualTo(400);
        JsonNode log = supervisor.get("/api/cases/access-log?case=" + c).json();
        assertThat(log.size()).isPositive();
        assertThat(log.get(0).path("action").asString()).isEqualTo("VIEW");
    }

    private void at(String beijing) {
        fixture.clock.set(LocalDateTime.parse(beijing).atZone(BEIJING).toInstant());
    }

    private static String number(JsonNode c) {
        return c.path("number").asString();
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> rows(JsonNode figures, String department) {
        return java.util.stream.StreamSupport.stream(figures.spliterator(), false)
                .filter(row -> row.path("department").asString().equals(department))
                .map(row -> String.join(",", text(row.path("kind")), text(row.path("due")), text(row.path("onTime")),
                        text(row.path("onTimePercent")), text(row.path("handedOff")), text(row.path("returned")),
                        text(row.path("returnedPercent")), text(row.path("closed")), text(row.path("reopened")),
                        text(row.path("reopenedPercent")), text(row.path("averageHoursToClose"))))
                .toList();
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "null" : value.asString();
    }
}
