package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline12333.outreach.OutreachFixture.created;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.CallSummary;
import org.hotline12333.ivr.IvrPaths;
import org.hotline12333.ivr.IvrStep;
import org.hotline12333.prompts.MandarinReading;
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
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Return visits (回访) as the centre runs them: a closed case is called back by the Quartz campaign through
 * [hotline-outbound] (AMI Originate to the stand-in) only while the centre is open, unanswered and busy attempts are
 * tried again later, and the call the citizen answers runs the survey over FastAGI (the stand-in): recorded, the case
 * number read out, 不满意 reopening the case with an alert. A hang-up in the middle, a confidential case, a stopped
 * number and a sampled call without a case each end as the centre would want, and the figures count the answers.
 */
@HotlineTest
class ReturnVisitTest {

    /** Tuesday 1 December 2026, 09:00 in Beijing. */
    static final Instant MORNING = Instant.parse("2026-12-01T01:00:00Z");

    @Autowired
    ApplicationContext service;
    @Autowired
    Scheduler scheduler;
    @Autowired
    RecordedEvents events;
    @Autowired
    CallRecords records;
    @Autowired
    IvrPaths paths;
    @Autowired
    ReturnVisits visits;
    OutreachFixture fixture;
    final AmiStandIn ami = StandInAsterisk.ami();

    @BeforeEach
    void morning() {
        fixture = new OutreachFixture(service);
        fixture.clock.set(MORNING);
    }

    @AfterEach
    void realTime() {
        fixture.clock.reset();
    }

    @Test
    void aClosedCaseIsCalledBackInOpeningHoursRetriedWhenUnansweredAndNotSatisfiedReopensIt() {
        TestAgent agent = fixture.agent();
        String caller = OutreachFixture.mobile();
        String callId = fixture.answeredCall(agent.workNumber(), caller);
        String number = created(agent.http(fixture.port).post("/api/cases", "{\"callId\":\"" + callId + "\","
                + "\"kind\":\"ENQUIRY\",\"classification\":\"110104\",\"summary\":\"退休金计发\",\"answer\":"
                + "\"已按统一口径答复\",\"result\":\"EXPLAINED\"}")).path("number").asString();
        JsonNode pending = visit(number);
        assertThat(pending.path("state").asString()).isEqualTo("PENDING");
        assertThat(pending.path("dueAt").asString()).isEqualTo(MORNING.plus(Duration.ofHours(1)).toString());

        runCampaign();
        assertThat(originatesTo(caller)).as("not due yet").isEmpty();

        fixture.clock.set(MORNING.plus(Duration.ofHours(1))); // 10:00
        Map<String, String> first = awaitOriginate(caller, 1);
        assertThat(first).containsEntry("Channel", "Local/" + caller + "@hotline-outbound")
                .containsEntry("Context", "hotline-outbound-call").containsEntry("Exten", "s")
                .containsEntry("CallerID", "12333");
        assertThat(first.get("Variable")).contains("HOTLINE_OUTBOUND=return-visit?visit=" + pending.path("id")
                .asLong() + "&attempt=" + first.get("ChannelId"));
        ami.originateFails(first, 3); // no answer
        JsonNode again = await().atMost(Duration.ofSeconds(20)).until(() -> visit(number),
                v -> v.path("state").asString().equals("PENDING") && v.path("attempts").asInt() == 1);
        assertThat(again.path("lastResult").asString()).isEqualTo("no answer (attempt 1 of 3)");
        assertThat(again.path("dueAt").asString()).isEqualTo(MORNING.plus(Duration.ofHours(3)).toString());

        fixture.clock.set(MORNING.plus(Duration.ofHours(3))); // 12:00: closed for lunch
        runCampaign();
        assertThat(originatesTo(caller)).as("only while the centre is open").hasSize(1);
        fixture.clock.set(Instant.parse("2026-12-01T05:30:00Z")); // 13:30
        Map<String, String> second = awaitOriginate(caller, 2);
        ami.originateFails(second, 5); // busy
        await().atMost(Duration.ofSeconds(20)).until(() -> visit(number).path("lastResult").asString()
                .equals("busy (attempt 2 of 3)"));

        fixture.clock.set(Instant.parse("2026-12-01T07:30:00Z")); // 15:30
        Map<String, String> third = awaitOriginate(caller, 3);
        AgiStandIn.SimulatedCall survey = answer(third, "return-visit-case-end", "3");

        JsonNode answered = await().atMost(Duration.ofSeconds(20)).until(() -> visit(number),
                v -> v.path("state").asString().equals("ANSWERED"));
        assertThat(answered.path("answer").asString()).isEqualTo("DISSATISFIED");
        assertThat(played(survey)).contains("return-visit-greeting", "return-visit-case", "return-visit-case-number",
                "return-visit-case-end", "return-visit-sorry");
        String sequence = number.substring(number.lastIndexOf('-') + 1);
        assertThat(String.join(" ", played(survey))).as("the case's number read out digit by digit")
                .contains("return-visit-case-number " + String.join(" ", MandarinReading.digits(sequence))
                        + " return-visit-case-end");
        assertThat(survey.commands()).anySatisfy(c -> assertThat(c).startsWith("STREAM FILE \"hotline/return-visit-question"));
        assertThat(survey.commands()).anySatisfy(c -> assertThat(c).startsWith("EXEC \"MixMonitor\""));
        String visitCall = answered.path("callId").asString();
        CallSummary record = records.find(visitCall).orElseThrow();
        assertThat(record.outboundPurpose()).isEqualTo("RETURN_VISIT");
        assertThat(record.callerNumber()).isEqualTo(caller);
        assertThat(paths.of(visitCall)).extracting(IvrStep::menu).containsOnly("return-visit");

        Http supervisor = fixture.supervisor();
        JsonNode reopened = supervisor.get("/api/cases/" + number).json();
        assertThat(reopened.path("state").asString()).isEqualTo("REOPENED");
        assertThat(reopened.path("returnVisit").asString()).isEqualTo("DISSATISFIED");
        assertThat(reopened.path("history").toString()).contains("回访: 不满意").contains("回访不满意");
        assertThat(reopened.path("calls")).extracting(c -> c.path("relation").asString() + " " + c.path("callId")
                .asString()).contains("OUTREACH " + visitCall);
        assertThat(reopened.path("contacts")).anySatisfy(c -> assertThat(c.path("state").asString())
                .isEqualTo("ANSWERED"));
        // raised, not merely among the latest alerts: the shared service's other alerts may be later than this
        // test's clock
        assertThat(events.await(AlertRaised.class, raised -> raised.alert().kind() == AlertKind.RETURN_VISIT
                && raised.alert().subject().equals(number)).alert().message()).contains("agent " + agent.workNumber());
        List<JsonNode> rates = list(supervisor.get("/api/outreach/return-visits/figures?month=2026-12").json());
        assertThat(rates).anySatisfy(r -> {
            assertThat(r.path("scope").asString()).isEqualTo("AGENT");
            assertThat(r.path("key").asString()).isEqualTo(agent.workNumber());
            assertThat(r.path("answered").asInt()).isEqualTo(1);
            assertThat(r.path("dissatisfied").asInt()).isEqualTo(1);
            assertThat(r.path("percent").decimalValue()).isEqualByComparingTo("0.0");
        });
        JsonNode assessment = supervisor.post("/api/quality/assessments/2026-12", "").json();
        assertThat(assessment.path("returnVisits")).anySatisfy(r -> assertThat(r.path("scope").asString() + " "
                + r.path("key").asString() + " " + r.path("dissatisfied").asInt())
                .isEqualTo("AGENT " + agent.workNumber() + " 1"));
        assertThat(supervisor.get("/api/quality/assessments/2026-12/return-visits/csv").body())
                .contains("月份,范围,承办单位或工号,已回访,满意,基本满意,不满意,回访满意率(%)")
                .contains("2026-12,坐席," + agent.workNumber() + ",1,0,0,1,0.0");
    }

    @Test
    void aCitizenWhoHangsUpDuringTheSurveyIsNotCalledAgainAndUnansweredVisitsAreGivenUpAfterThreeCalls() {
        TestAgent agent = fixture.agent();
        String hangsUp = OutreachFixture.mobile();
        String neverThere = OutreachFixture.mobile();
        String first = closedCase(agent, hangsUp);
        String second = closedCase(agent, neverThere);
        fixture.clock.set(MORNING.plus(Duration.ofHours(1)));

        AgiStandIn.SimulatedCall survey = AgiStandIn.call(agiPort()).script(agiScript(awaitOriginate(hangsUp, 1)))
                .from("12333").hangUpDuring("WAIT FOR DIGIT").start().awaitEnd();
        JsonNode hungUp = await().atMost(Duration.ofSeconds(20)).until(() -> visit(first),
                v -> v.path("state").asString().equals("HUNG_UP"));
        assertThat(hungUp.path("lastResult").asString()).isEqualTo("hung up during the survey, before answering");
        assertThat(survey.commands()).anySatisfy(c -> assertThat(c).startsWith("STREAM FILE \"hotline/return-visit-question"));
        List<Instant> open = List.of(Instant.parse("2026-12-01T02:00:00Z"), Instant.parse("2026-12-01T06:00:00Z"),
                Instant.parse("2026-12-01T08:00:00Z")); // 10:00, 14:00, 16:00 in Beijing
        for (int attempt = 1; attempt <= 3; attempt++) {
            fixture.clock.set(open.get(attempt - 1));
            ami.originateFails(awaitOriginate(neverThere, attempt), 3);
            int made = attempt;
            await().atMost(Duration.ofSeconds(20)).until(() -> visit(second).path("attempts").asInt() == made
                    && !visit(second).path("state").asString().equals("DIALLING"));
        }
        fixture.clock.set(Instant.parse("2026-12-01T09:00:00Z"));
        runCampaign();
        assertThat(visit(second).path("state").asString()).isEqualTo("NO_ANSWER");
        assertThat(visit(second).path("lastResult").asString()).isEqualTo("no answer (attempt 3 of 3)");
        assertThat(originatesTo(hangsUp)).as("never called again").hasSize(1);
        assertThat(originatesTo(neverThere)).hasSize(3);
        assertThat(fixture.supervisor().get("/api/cases/" + first).json().path("state").asString())
                .isEqualTo("CLOSED");
    }

    @Test
    void confidentialCasesAndStoppedNumbersAreNotCalledAndSampledCallsWithoutACaseAreAskedAboutTheCall() {
        TestAgent agent = fixture.agent();
        String confidentialCaller = OutreachFixture.mobile();
        String confidential = closedCase(agent, confidentialCaller, true);
        String stopped = OutreachFixture.mobile();
        OutreachFixture.require(agent.http(fixture.port).post("/api/outreach/stop-list", "{\"number\":\"" + stopped
                + "\",\"note\":\"电话中要求不再联系\"}"));
        String stoppedCase = closedCase(agent, stopped);
        String sampled = OutreachFixture.mobile();
        String sampledCall = fixture.answeredCall(agent.workNumber(), sampled);

        assertThat(visit(confidential).path("state").asString()).isEqualTo("SKIPPED");
        assertThat(visit(confidential).path("lastResult").asString()).startsWith("confidential case (保密)");
        assertThat(visit(stoppedCase).path("lastResult").asString()).isEqualTo("the citizen replied 退订: no more "
                + "contact");
        assertThat(visits.sample(LocalDate.of(2026, 12, 1), 1.0)).isGreaterThanOrEqualTo(1);
        assertThat(visits.sample(LocalDate.of(2026, 12, 1), 1.0)).as("the same sample again makes no visit").isZero();
        JsonNode check = list(fixture.supervisor().get("/api/outreach/return-visits?limit=1000").json()).stream()
                .filter(v -> sampledCall.equals(v.path("originCallId").asString())).findFirst().orElseThrow();
        assertThat(check.path("kind").asString()).isEqualTo("CALL");

        fixture.clock.set(MORNING.plus(Duration.ofHours(3)).minusSeconds(3600)); // 11:00
        AgiStandIn.SimulatedCall survey = answer(awaitOriginate(sampled, 1), "return-visit-call-end", "1");
        await().atMost(Duration.ofSeconds(20)).until(() -> list(fixture.supervisor()
                .get("/api/outreach/return-visits?state=ANSWERED&limit=1000").json()).stream()
                .anyMatch(v -> sampledCall.equals(v.path("originCallId").asString())));
        assertThat(played(survey)).contains("return-visit-call", "return-visit-call-end", "return-visit-thanks")
                .doesNotContain("return-visit-case");
        assertThat(originatesTo(confidentialCaller)).isEmpty();
        assertThat(originatesTo(stopped)).isEmpty();
    }

    private String closedCase(TestAgent agent, String caller) {
        return closedCase(agent, caller, false);
    }

    private String closedCase(TestAgent agent, String caller, boolean confidential) {
        String callId = fixture.answeredCall(agent.workNumber(), caller);
        return created(agent.http(fixture.port).post("/api/cases", "{\"callId\":\"" + callId + "\",\"kind\":"
                + "\"ENQUIRY\",\"classification\":\"110104\",\"summary\":\"退休金计发\",\"confidential\":" + confidential
                + ",\"answer\":\"已答复\",\"result\":\"EXPLAINED\"}")).path("number").asString();
    }

    /** The citizen answers: Asterisk runs the dialplan's AGI with what the Originate carried. */
    private AgiStandIn.SimulatedCall answer(Map<String, String> originate, String listensTo, String key) {
        AgiStandIn.SimulatedCall call = AgiStandIn.call(agiPort()).script(agiScript(originate)).from("12333")
                .listensTo(listensTo).keys(key).start().awaitEnd();
        events.await(CallStarted.class, e -> e.uniqueId().equals(call.uniqueId()));
        return call;
    }

    private static List<String> played(AgiStandIn.SimulatedCall call) {
        return call.played().stream().map(p -> p.substring(p.indexOf('/') + 1)).toList();
    }

    private static String agiScript(Map<String, String> originate) {
        String variables = originate.get("Variable");
        int at = variables.indexOf("HOTLINE_OUTBOUND=");
        String rest = variables.substring(at + "HOTLINE_OUTBOUND=".length());
        return rest.contains(",") ? rest.substring(0, rest.indexOf(',')) : rest;
    }

    private Map<String, String> awaitOriginate(String number, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            runCampaign();
            List<Map<String, String>> made = originatesTo(number);
            return made.size() >= count ? made.get(count - 1) : null;
        }, java.util.Objects::nonNull);
    }

    private List<Map<String, String>> originatesTo(String number) {
        return ami.actions("Originate").stream().filter(a -> ("Local/" + number + "@hotline-outbound")
                .equals(a.get("Channel"))).toList();
    }

    private void runCampaign() {
        try {
            scheduler.triggerJob(ReturnVisitSchedule.CAMPAIGN);
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode visit(String caseNumber) {
        JsonNode found = fixture.supervisor().get("/api/outreach/return-visits?case=" + caseNumber).json();
        assertThat(found).as("a visit for " + caseNumber).isNotEmpty();
        return found.get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private int agiPort() {
        return service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
    }
}
