package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.routing.DeskCases;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.PostgresInstance;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import tools.jackson.databind.JsonNode;

/**
 * Cases on a real PostgreSQL with two service instances, as in production: every query of the package, numbers
 * given out by both at once, one escalation per deadline whichever instance and however many runs see it (Quartz's
 * clustered JDBC job store), and a history PostgreSQL itself keeps append-only.
 */
class CasesOnPostgresTest {

    final ConfigurableApplicationContext first = PostgresInstance.shared().first();
    final ConfigurableApplicationContext second = PostgresInstance.shared().second();

    @AfterEach
    void realTime() {
        clock(first).reset();
        clock(second).reset();
    }

    @Test
    void twoInstancesGiveOutEachNumberOnceAndWorkTheSameCases() {
        CaseFixture a = new CaseFixture(first);
        CaseFixture b = new CaseFixture(second);
        TestAgent agent = a.agent();
        String clerk = CaseFixture.unique("pg.clerk.");
        String department = a.department("市劳动人事争议仲裁院", clerk);
        setClocks(Instant.parse("2032-05-10T02:00:00Z"));
        String caller = CaseFixture.callerNumber();
        a.answeredCall(agent.workNumber(), caller);

        List<CompletableFuture<String>> registering = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CaseFixture via = i % 2 == 0 ? a : b;
            registering.add(CompletableFuture.supplyAsync(() -> via.register(via.as(agent), "{\"kind\":\"HELP\","
                    + "\"classification\":\"130401\",\"summary\":\"仲裁立案咨询\"}").path("number").asString()));
        }
        List<String> numbers = registering.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(numbers).hasSize(12).doesNotHaveDuplicates();
        assertThat(numbers.get(0)).isEqualTo("12333-20320510-0001");
        assertThat(numbers.get(11)).isEqualTo("12333-20320510-0012");

        String number = numbers.get(0);
        Http staffA = a.as(agent);
        Http staffB = b.as(agent);
        Http clerkA = a.departmentUser(clerk);
        Http clerkB = b.departmentUser(clerk);
        ok(staffB.post("/api/cases/" + number + "/hand-off", "{\"department\":\"" + department + "\"}"));
        assertThat(CaseLifecycleTest.numbers(clerkA.get("/api/cases/department/inbox").json().path("cases")))
                .contains(number);
        ok(clerkB.post("/api/cases/department/" + number + "/sign-for", ""));
        assertThat(clerkA.post("/api/cases/department/" + number + "/sign-for", "").status()).isEqualTo(409);
        ok(clerkA.post("/api/cases/department/" + number + "/notes", "{\"text\":\"已联系申请人\"}"));
        ok(clerkA.post("/api/cases/department/" + number + "/extension-request", "{\"workingDays\":3,"
                + "\"reason\":\"等待用人单位材料\"}"));
        ok(a.admin().post("/api/cases/" + number + "/extension", "{\"workingDays\":3,\"reason\":\"同意\"}"));
        ok(clerkA.post("/api/cases/department/" + number + "/reply", "{\"text\":\"已告知立案条件\"}"));
        ok(staffB.post("/api/cases/" + number + "/close", "{\"answer\":\"已转告\"}"));
        ok(staffA.post("/api/cases/" + number + "/reopen", "{\"reason\":\"还想了解仲裁时效\"}"));
        ok(staffA.post("/api/cases/" + number + "/calls", "{\"callId\":\"" + a.answeredCall(agent.workNumber(), caller)
                + "\"}"));
        ok(a.admin().post("/api/cases/" + numbers.get(1) + "/hand-off", "{\"department\":\"" + department + "\"}"));
        ok(a.admin().post("/api/cases/" + numbers.get(1) + "/reassign", "{\"owner\":\"" + agent.workNumber()
                + "\",\"department\":\"" + a.department("另一仲裁机构") + "\",\"reason\":\"管辖\"}"));

        JsonNode c = staffB.get("/api/cases/" + number).json();
        assertThat(c.path("state").asString()).isEqualTo("REOPENED");
        assertThat(CaseLifecycleTest.actions(c)).containsExactly("REGISTERED", "HANDED_OFF", "SIGNED_FOR", "NOTE",
                "EXTENSION_REQUESTED", "EXTENDED", "REPLIED", "CONTACTED", "CLOSED", "REOPENED", "CALL_LINKED");
        assertThat(c.path("calls")).hasSize(2);
        assertThat(CaseLifecycleTest.numbers(staffA.get("/api/cases/mine?limit=500").json())).containsAll(numbers);
        assertThat(CaseLifecycleTest.numbers(a.admin().get("/api/cases?caller=" + caller + "&limit=500").json()))
                .containsAll(numbers);
        assertThat(CaseLifecycleTest.numbers(a.admin().get("/api/cases?state=REOPENED&owner=" + agent.workNumber())
                .json())).containsExactly(number);
        assertThat(first.getBean(DeskCases.class).openCases(caller)).as("the screen-pop shows the newest ten")
                .hasSize(10).extracting(DeskCases.OpenCase::number).isSubsetOf(numbers);
        assertThat(a.admin().get("/api/cases/access-log?case=" + number).json().size()).isPositive();
        assertThat(a.admin().get("/api/cases/access-log").json().size()).isPositive();
        assertThat(a.admin().get("/api/cases/departments").json().toString()).contains(clerk);
        JsonNode renamed = ok(b.admin().put("/api/cases/departments/" + department, "{\"name\":\"市劳动人事争议仲裁院立案庭\","
                + "\"members\":[\"" + clerk + "\"]}"));
        assertThat(renamed.path("name").asString()).isEqualTo("市劳动人事争议仲裁院立案庭");
        assertThat(clerkB.get("/api/cases/department/inbox").json().path("department").path("name").asString())
                .isEqualTo("市劳动人事争议仲裁院立案庭");
        JsonNode figures = a.admin().get("/api/cases/figures?month=2032-05").json();
        assertThat(figures.toString()).contains(department);
        Http.Response assessment = a.admin().post("/api/quality/assessments/2032-05", "");
        assertThat(assessment.status()).as(assessment.body()).isEqualTo(201);
        assertThat(b.admin().get("/api/quality/assessments/2032-05").json().path("departments").toString())
                .contains(department);
    }

    @Test
    void aPassedDeadlineIsEscalatedOnceWhateverTheNumberOfInstancesAndRuns() throws Exception {
        CaseFixture a = new CaseFixture(first);
        TestAgent agent = a.agent();
        String department = a.department("市社会保险事业管理中心 失业保险科");
        setClocks(Instant.parse("2026-09-18T02:00:00Z"));
        a.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String number = a.register(a.as(agent), "{\"kind\":\"HELP\",\"classification\":\"110301\",\"summary\":"
                + "\"失业金未到账\",\"handOffTo\":\"" + department + "\"}").path("number").asString();
        for (ConfigurableApplicationContext instance : List.of(first, second)) {
            Scheduler scheduler = instance.getBean(Scheduler.class);
            assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
            assertThat(scheduler.getMetaData().getJobStoreClass()).isEqualTo(LocalDataSourceJobStore.class);
        }

        setClocks(Instant.parse("2026-09-21T01:00:00Z")); // the sign-for deadline (end of Sun 20) has passed
        try (JobRuns quartz = JobRuns.of(DeadlineSchedule.JOB, List.of(first.getBean(Scheduler.class),
                second.getBean(Scheduler.class)))) {
            first.getBean(Scheduler.class).triggerJob(DeadlineSchedule.JOB);
            second.getBean(Scheduler.class).triggerJob(DeadlineSchedule.JOB);
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                DeadlineWatch watch = (i % 2 == 0 ? first : second).getBean(DeadlineWatch.class);
                runs.add(CompletableFuture.supplyAsync(watch::check));
            }
            assertThat(runs.stream().mapToInt(CompletableFuture::join).sum()).isLessThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> quartz.count() >= 2);
        }

        JdbcClient db = first.getBean(JdbcClient.class);
        long caseId = db.sql("SELECT id FROM hotline_case WHERE case_number = ?").param(number).query(Long.class)
                .single();
        assertThat(db.sql("SELECT COUNT(*) FROM case_deadline_event WHERE case_id = ? AND event = 'ESCALATION'")
                .param(caseId).query(Long.class).single()).isEqualTo(1);
        assertThat(CaseLifecycleTest.actions(a.admin().get("/api/cases/" + number).json()))
                .containsExactly("REGISTERED", "HANDED_OFF", "ESCALATED");
        assertThat(first.getBean(Alerts.class).recent(500)).filteredOn(alert -> alert.kind() == AlertKind.CASE_OVERDUE
                && number.equals(alert.subject())).hasSize(1);
        long escalatedEvents = List.of(first, second).stream().mapToLong(instance -> instance
                .getBean(RecordedEvents.class).ofType(CaseEscalated.class, e -> e.number().equals(number)).size()).sum();
        assertThat(escalatedEvents).isEqualTo(1);
        assertThat(first.getBean(CaseFigures.class).overdue(clock(first).instant())).isPositive();
        assertThat(CaseLifecycleTest.numbers(a.admin().get("/api/cases/overdue").json())).contains(number);
    }

    @Test
    void postgresRefusesToChangeOrDeleteHistory() {
        CaseFixture a = new CaseFixture(first);
        TestAgent agent = a.agent();
        a.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String number = a.register(a.as(agent), "{\"kind\":\"PRAISE\",\"classification\":\"150201\","
                + "\"summary\":\"表扬\"}").path("number").asString();
        JdbcClient db = first.getBean(JdbcClient.class);
        long caseId = db.sql("SELECT id FROM hotline_case WHERE case_number = ?").param(number).query(Long.class)
                .single();

        assertThatThrownBy(() -> db.sql("UPDATE case_history SET text = 'rewritten' WHERE case_id = ?").param(caseId)
                .update()).hasMessageContaining("case_history is append-only: UPDATE refused");
        assertThatThrownBy(() -> db.sql("DELETE FROM case_history WHERE case_id = ?").param(caseId).update())
                .hasMessageContaining("case_history is append-only: DELETE refused");
        assertThat(db.sql("SELECT text FROM case_history WHERE case_id = ?").param(caseId).query(String.class).list())
                .singleElement().asString().endsWith(": 表扬");
    }

    private void setClocks(Instant at) {
        clock(first).set(at);
        clock(second).set(at);
    }

    private static TestClock clock(ConfigurableApplicationContext instance) {
        return instance.getBean(TestClock.class);
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
