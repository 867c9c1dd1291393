package org.hotline12333.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.security.Role;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The monthly assessment per agent from a month of calls and scores, as JSON and as the pay office's CSV. */
@HotlineTest
class AssessmentTest {

    static final String FULL_MARKS = """
            {"items":[{"code":"accuracy","rating":5},{"code":"completeness","rating":5},{"code":"relevance","rating":5},
            {"code":"tone","rating":5},{"code":"intonation","rating":5},{"code":"speech-rate","rating":2},
            {"code":"courtesy","rating":2},{"code":"policy-compliance","rating":5}]}""";

    @Autowired
    ApplicationContext service;
    @Autowired
    QualityProperties properties;

    @Test
    void theMonthsCallsAndScoresMakeEachAgentsRowAndTheCsv() {
        QualityFixture fixture = new QualityFixture(service);
        Http supervisor = fixture.admin();
        String named = QualityFixture.workNumber();
        fixture.agent(named, "王五");
        String unnamed = QualityFixture.workNumber();
        // handle time 100 + 20 = 120 s, 满意
        String first = fixture.answered(named, at("2023-02-01T00:00:00"), Duration.ofSeconds(100),
                Duration.ofSeconds(20), Satisfaction.SATISFIED);
        // 200 s (no wrap-up), 基本满意
        String second = fixture.answered(named, at("2023-02-14T10:00:00"), Duration.ofSeconds(200), null,
                Satisfaction.BASICALLY_SATISFIED);
        // the conversation's end is unknown: counted as handled, not in the handle time; 不满意
        fixture.answered(named, at("2023-02-28T23:59:59"), null, null, Satisfaction.DISSATISFIED);
        // other months
        fixture.answered(named, at("2023-01-31T23:59:59"), Duration.ofSeconds(50), null, Satisfaction.DISSATISFIED);
        String march = fixture.answered(named, at("2023-03-01T00:00:00"), Duration.ofSeconds(50), null, null);
        // an agent routing does not know (no name), 45 + 15 = 60 s, no survey, not scored
        fixture.answered(unnamed, at("2023-02-10T09:00:00"), Duration.ofSeconds(45), Duration.ofSeconds(15), null);
        score(supervisor, first, "{\"items\":[" + ScoringTest.RATINGS + "]}");
        score(supervisor, first, FULL_MARKS);
        score(supervisor, second, AppealTest.VETOED);
        score(supervisor, march, FULL_MARKS);

        Http.Response produced = supervisor.post("/api/quality/assessments/2023-02", "");

        assertThat(produced.status()).as(produced.body()).isEqualTo(201);
        JsonNode rows = produced.json().path("rows");
        JsonNode row = rowOf(rows, named);
        assertThat(row.path("name").asString()).isEqualTo("王五");
        assertThat(row.path("callsHandled").asInt()).isEqualTo(3);
        assertThat(row.path("averageHandleSeconds").decimalValue()).isEqualByComparingTo("160.0");
        assertThat(row.path("satisfactionPercent").decimalValue()).isEqualByComparingTo("66.7");
        // the current scores only: 100 (re-scored from 79.5) and 0 (vetoed)
        assertThat(row.path("averageScore").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(row.path("vetoes").asInt()).isEqualTo(1);

        Http.BinaryResponse csv = supervisor.getBytes("/api/quality/assessments/2023-02/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains("quality-assessment-2023-02.csv");
        assertThat(Arrays.copyOf(csv.body(), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(csv.body(), 3, csv.body().length - 3, StandardCharsets.UTF_8)
                .split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("月份,工号,姓名,接听量,计时通话数,平均处理时长(秒),评价数,满意,基本满意,不满意,"
                + "满意率(%),质检数,平均质检分,一票否决数");
        assertThat(lines).contains("2023-02," + named + ",王五,3,2,160.0,3,1,1,1,66.7,2,50.00,1",
                "2023-02," + unnamed + ",,1,1,60.0,0,0,0,0,,0,,0");
        assertThat(lines.stream().filter(line -> line.contains("," + named + ","))).hasSize(1);
    }

    @Test
    void quartzProducesThePreviousMonthOnTheFirstAndOnlySupervisorsReadIt() throws Exception {
        QualityFixture fixture = new QualityFixture(service);
        Http supervisor = fixture.admin();
        String agent = QualityFixture.workNumber();
        fixture.answered(agent, at("2023-05-20T15:00:00"), Duration.ofSeconds(30), null, Satisfaction.SATISFIED);
        assertThat(supervisor.get("/api/quality/assessments/2023-05").status()).isEqualTo(404);

        fixture.runJob("monthly_assessment", at("2023-06-01T02:00:00"), "/api/quality/assessments/2023-05");

        JsonNode assessment = supervisor.get("/api/quality/assessments/2023-05").json();
        assertThat(assessment.path("producedBy").asString()).isEqualTo("schedule");
        assertThat(rowOf(assessment.path("rows"), agent).path("satisfactionPercent").decimalValue())
                .isEqualByComparingTo("100.0");
        Http agentUser = fixture.user("q.assessment.agent." + agent, Role.AGENT);
        assertThat(agentUser.get("/api/quality/assessments/2023-05").status()).isEqualTo(403);
        assertThat(agentUser.getBytes("/api/quality/assessments/2023-05/csv").status()).isEqualTo(403);
        assertThat(agentUser.post("/api/quality/assessments/2023-05", "").status()).isEqualTo(403);
        assertThat(supervisor.get("/api/quality/assessments/2023-13").status()).isEqualTo(400);
        assertThat(YearMonth.parse(assessment.path("month").asString())).isEqualTo(YearMonth.of(2023, 5));
    }

    private Instant at(String localTime) {
        return LocalDateTime.parse(localTime).atZone(properties.zone()).toInstant();
    }

    private static void score(Http supervisor, String callId, String body) {
        Http.Response scored = supervisor.post("/api/quality/calls/" + callId + "/score", body);
        assertThat(scored.status()).as(scored.body()).isEqualTo(201);
    }

    private static JsonNode rowOf(JsonNode rows, String agent) {
        for (JsonNode row : rows) {
            if (row.path("agent").asString().equals(agent)) {
                return row;
            }
        }
        throw new AssertionError("no row for agent " + agent + " in " + rows);
    }
}
