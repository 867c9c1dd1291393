package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Time limits counted in working days of the shipped ivr-scripts/calendar.yaml (2026: the National Day holiday, the
 * weekends worked in exchange), reminders before a deadline and one escalation per passed deadline, on the test
 * clock. Beijing is UTC+8: a deadline at the end of a day in Beijing is 16:00 UTC that day.
 */
@HotlineTest
class CaseDeadlinesTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    DeadlineWatch watch;
    @Autowired
    Scheduler scheduler;
    @Autowired
    Alerts alerts;
    @Autowired
    RecordedEvents events;

    @AfterEach
    void realTime() {
        new CaseFixture(service).clock.reset();
    }

    @Test
    void limitsCountWorkingDaysAcrossTheHolidayAndTheWorkedWeekends() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String department = fixture.department("市社会保险事业管理中心 养老保险科");

        // Friday 18 September, 10:00: the next working day is Sunday the 20th, worked in exchange
        fixture.clock.set(Instant.parse("2026-09-18T02:00:00Z"));
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        JsonNode complaint = fixture.register(fixture.as(agent), """
                {"kind":"COMPLAINT","complaintAbout":"POLICY","classification":"110105","summary":"调待政策",
                 "handOffTo":"%s"}""".formatted(department));
        assertThat(complaint.path("signForDue").asString()).isEqualTo("2026-09-20T16:00:00Z");
        // 5 working days: Sun 20, Mon 21, Tue 22, Wed 23, Thu 24
        assertThat(complaint.path("finishDue").asString()).isEqualTo("2026-09-24T16:00:00Z");

        // Thursday 24 September: Friday 25 is the Mid-Autumn holiday, then the weekend
        fixture.clock.set(Instant.parse("2026-09-24T02:00:00Z"));
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        JsonNode enquiry = fixture.register(fixture.as(agent), "{\"kind\":\"ENQUIRY\",\"classification\":\"110108\","
                + "\"summary\":\"资格认证\"}");
        JsonNode report = fixture.register(fixture.as(agent), "{\"kind\":\"REPORT\",\"classification\":\"110703\","
                + "\"summary\":\"冒领养老金\"}");
        // 3 working days: Mon 28, Tue 29, Wed 30
        assertThat(enquiry.path("finishDue").asString()).isEqualTo("2026-09-30T16:00:00Z");
        // 15: 28, 29, 30 Sep; National Day 1-7 Oct; 8, 9, Sat 10 (worked), 12-16, 19-22
        assertThat(report.path("finishDue").asString()).isEqualTo("2026-10-22T16:00:00Z");

        // handed off on Wednesday 30 September: signed for by the end of Thursday 8 October
        fixture.clock.set(Instant.parse("2026-09-30T02:00:00Z"));
        JsonNode handedOff = fixture.as(agent).post("/api/cases/" + report.path("number").asString() + "/hand-off",
                "{\"department\":\"" + department + "\"}").json();
        assertThat(handedOff.path("signForDue").asString()).isEqualTo("2026-10-08T16:00:00Z");

        // urgent: clock time
        fixture.clock.set(Instant.parse("2026-10-03T13:05:00Z"));
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        JsonNode urgent = fixture.register(fixture.as(agent), "{\"kind\":\"HELP\",\"classification\":\"130204\","
                + "\"summary\":\"讨薪现场\",\"urgent\":true,\"handOffTo\":\"" + department + "\"}");
        assertThat(urgent.path("signForDue").asString()).isEqualTo("2026-10-03T13:35:00Z");
        assertThat(urgent.path("finishDue").asString()).isEqualTo("2026-10-03T15:05:00Z");

        // a supervisor grants two more working days: past the holiday and the weekend to Tue 29
        JsonNode extended = fixture.admin().post("/api/cases/" + complaint.path("number").asString() + "/extension",
                "{\"workingDays\":2,\"reason\":\"需调取档案\"}").json();
        assertThat(extended.path("finishDue").asString()).isEqualTo("2026-09-29T16:00:00Z");
        assertThat(CaseLifecycleTest.actions(extended)).endsWith("EXTENDED");
        Http.Response agentsMayNot = fixture.as(agent).post("/api/cases/" + complaint.path("number").asString()
                + "/extension", "{\"workingDays\":2,\"reason\":\"x\"}");
        assertThat(agentsMayNot.status()).isEqualTo(403);
    }

    @Test
    void aDeadlineIsRemindedBeforeAndEscalatedOnceAfterWhoeverRunsTheCheck() throws Exception {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String clerk = CaseFixture.unique("injury.");
        String department = fixture.department("市社会保险事业管理中心 工伤保险科", clerk);
        fixture.clock.set(Instant.parse("2026-09-18T02:00:00Z"));
        fixture.answeredCall(agent.workNumber(), CaseFixture.callerNumber());
        String number = fixture.register(fixture.as(agent), "{\"kind\":\"HELP\",\"classification\":\"110401\","
                + "\"summary\":\"工伤认定进度\",\"handOffTo\":\"" + department + "\"}").path("number").asString();

        // Sunday the 20th, 08:00 in Beijing: within a day of the sign-for deadline
        fixture.clock.set(Instant.parse("2026-09-20T00:00:00Z"));
        watch.check();
        watch.check();
        assertThat(actions(fixture, number)).containsExactly("REGISTERED", "HANDED_OFF", "REMINDED");
        assertThat(overdueAlerts(number)).isEmpty();

        // Monday the 21st: the deadline has passed; Quartz and three more runs at once
        fixture.clock.set(Instant.parse("2026-09-21T01:00:00Z"));
        try (JobRuns quartz = JobRuns.of(DeadlineSchedule.JOB, List.of(scheduler))) {
            scheduler.triggerJob(DeadlineSchedule.JOB);
            List<CompletableFuture<Integer>> runs = IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(watch::check)).toList();
            runs.forEach(CompletableFuture::join);
            await().atMost(Duration.ofSeconds(20)).until(() -> quartz.count() >= 1);
        }

        assertThat(actions(fixture, number)).containsExactly("REGISTERED", "HANDED_OFF", "REMINDED", "ESCALATED");
        List<AlertView> raised = overdueAlerts(number);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).message()).contains("签收").contains("2026-09-20T16:00:00Z").contains(department);
        assertThat(events.ofType(CaseEscalated.class, e -> e.number().equals(number))).singleElement()
                .satisfies(e -> assertThat(e.deadline()).isEqualTo("SIGN_FOR"));
        JsonNode overdue = fixture.admin().get("/api/cases/overdue").json();
        assertThat(CaseLifecycleTest.numbers(overdue)).contains(number);
        long counted = service.getBean(CaseFigures.class).overdue(fixture.clock.instant());
        assertThat(counted).isPositive();
        await().atMost(Duration.ofSeconds(15)).until(() -> fixture.admin().get("/api/supervision/floor").json()
                .path("cases").path("overdue").asLong(-1) == counted);

        // signed for late; the finishing deadline (end of Thu 24) passes too, escalated once; an extension
        // gives a new deadline, which is escalated when it passes in turn
        fixture.departmentUser(clerk).post("/api/cases/department/" + number + "/sign-for", "");
        fixture.clock.set(Instant.parse("2026-09-25T01:00:00Z"));
        watch.check();
        watch.check();
        fixture.admin().post("/api/cases/" + number + "/extension", "{\"workingDays\":1,\"reason\":\"材料补正\"}");
        fixture.clock.set(Instant.parse("2026-09-29T01:00:00Z"));
        watch.check();
        watch.check();

        assertThat(actions(fixture, number)).containsExactly("REGISTERED", "HANDED_OFF", "REMINDED", "ESCALATED",
                "SIGNED_FOR", "ESCALATED", "EXTENDED", "ESCALATED");
        assertThat(overdueAlerts(number)).hasSize(3);
    }

    private List<AlertView> overdueAlerts(String number) {
        return alerts.recent(500).stream().filter(a -> a.kind() == AlertKind.CASE_OVERDUE)
                .filter(a -> number.equals(a.subject())).toList();
    }

    private static List<String> actions(CaseFixture fixture, String number) {
        return CaseLifecycleTest.actions(fixture.admin().get("/api/cases/" + number).json());
    }
}
