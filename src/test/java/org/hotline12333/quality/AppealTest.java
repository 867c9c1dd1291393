package org.hotline12333.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import org.hotline12333.recording.Leg;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.hotline12333.recording.RecordingsProperties;
import org.hotline12333.security.Role;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Agents see the scores of their own calls and nobody else's, and may appeal a score once; a supervisor other than
 * the scorer decides, the recording is on appeal hold meanwhile, and every revision and the decision are kept.
 */
@HotlineTest
class AppealTest {

    static final String VETOED = "{\"items\":[" + ScoringTest.RATINGS + "],\"vetoes\":[{\"code\":\"bad-attitude\","
            + "\"applied\":true,\"note\":\"raised voice at the caller (1:40)\"}]}";

    @Autowired
    ApplicationContext service;
    @Autowired
    Recordings recordings;
    @Autowired
    RecordingsProperties recordingsProperties;

    QualityFixture fixture;
    String agentA;
    Http agent;
    Http otherAgent;
    Http scorer;
    Http secondSupervisor;

    @BeforeEach
    void setUp() {
        fixture = new QualityFixture(service);
        agentA = QualityFixture.workNumber();
        agent = fixture.agent(agentA, "张三");
        String agentB = QualityFixture.workNumber();
        otherAgent = fixture.agent(agentB, "李四");
        scorer = fixture.user("q.scorer." + agentA, Role.SUPERVISOR);
        secondSupervisor = fixture.user("q.decider." + agentA, Role.SUPERVISOR);
    }

    @Test
    void anAppealIsDecidedByASecondSupervisorWhoRevisesTheScore() throws Exception {
        RecordingView recording = fixture.recorded(agentA, Instant.now().minusSeconds(600));
        String callId = recording.callId();
        String scoreId = scorer.post("/api/quality/calls/" + callId + "/score", VETOED).json().path("id").asString();

        assertThat(agent.get("/api/quality/my/scores").json()).singleElement()
                .satisfies(mine -> assertThat(mine.path("score").path("id").asString()).isEqualTo(scoreId));
        assertThat(agent.get("/api/quality/scores/" + scoreId).status()).isEqualTo(200);
        assertThat(otherAgent.get("/api/quality/my/scores").json()).isEmpty();
        assertThat(otherAgent.get("/api/quality/scores/" + scoreId).status()).isEqualTo(403);
        assertThat(otherAgent.post("/api/quality/scores/" + scoreId + "/appeal", "{\"reason\":\"not mine\"}").status())
                .isEqualTo(403);
        assertThat(fixture.user("q.unlinked." + agentA, Role.AGENT).get("/api/quality/my/scores").status())
                .isEqualTo(403);
        assertThat(agent.get("/api/quality/scores?agent=" + agentA).status()).isEqualTo(403);
        assertThat(agent.post("/api/quality/scores/" + scoreId + "/appeal", "{\"reason\":\" \"}").status())
                .isEqualTo(400);

        Http.Response opened = agent.post("/api/quality/scores/" + scoreId + "/appeal",
                "{\"reason\":\"来电人先辱骂我，我一直保持礼貌，请复听 1:30 前后\"}");

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long appealId = opened.json().path("id").asLong();
        assertThat(opened.json().path("state").asString()).isEqualTo("OPEN");
        assertThat(recordings.find(recording.id()).orElseThrow().scoreAppealOpen()).isTrue();
        Http.Response twice = agent.post("/api/quality/scores/" + scoreId + "/appeal", "{\"reason\":\"again\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("detail").asString()).contains("a score may be appealed once");
        assertThat(scorer.post("/api/quality/calls/" + callId + "/score", VETOED).status()).isEqualTo(409);
        assertThat(agent.get("/api/quality/appeals/" + appealId).status()).isEqualTo(200);
        assertThat(otherAgent.get("/api/quality/appeals/" + appealId).status()).isEqualTo(403);
        assertThat(agent.post("/api/quality/appeals/" + appealId + "/decision", "{\"outcome\":\"KEEP\",\"note\":\"x\"}")
                .status()).isEqualTo(403);
        Http.Response byScorer = scorer.post("/api/quality/appeals/" + appealId + "/decision",
                "{\"outcome\":\"KEEP\",\"note\":\"I heard it right\"}");
        assertThat(byScorer.status()).isEqualTo(403);
        assertThat(byScorer.json().path("detail").asString()).contains("another supervisor decides");
        assertThat(secondSupervisor.get("/api/quality/appeals").json().findValuesAsString("callId")).contains(callId);

        Http.Response decided = secondSupervisor.post("/api/quality/appeals/" + appealId + "/decision",
                "{\"outcome\":\"REVISE\",\"note\":\"复听确认来电人先辱骂，坐席未失态\",\"score\":{\"items\":["
                        + ScoringTest.RATINGS + "]}}");

        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().path("state").asString()).isEqualTo("SCORE_REVISED");
        assertThat(decided.json().path("decidedBy").asString()).isEqualTo("q.decider." + agentA);
        String revisedId = decided.json().path("revisedScoreId").asString();
        assertThat(recordings.find(recording.id()).orElseThrow().scoreAppealOpen()).isFalse();
        assertThat(recordings.find(recording.id()).orElseThrow().score()).isEqualByComparingTo(ScoringTest.WEIGHTED_TOTAL);
        JsonNode sidecar = JsonMapper.builder().build().readTree(Files.readString(recordingsProperties.directory()
                .resolve(recording.files().get(Leg.MIXED).path()).resolveSibling(callId + ".score.json")));
        assertThat(sidecar.path("total").decimalValue()).isEqualByComparingTo(ScoringTest.WEIGHTED_TOTAL);
        assertThat(sidecar.path("scorer").asString()).isEqualTo("q.decider." + agentA);
        assertThat(secondSupervisor.post("/api/quality/appeals/" + appealId + "/decision",
                "{\"outcome\":\"KEEP\",\"note\":\"again\"}").status()).isEqualTo(409);

        JsonNode mine = agent.get("/api/quality/my/scores").json();
        assertThat(mine).singleElement().satisfies(current -> {
            assertThat(current.path("score").path("id").asString()).isEqualTo(revisedId);
            assertThat(current.path("score").path("revision").asInt()).isEqualTo(2);
            assertThat(current.path("score").path("appealId").asLong()).isEqualTo(appealId);
            assertThat(current.path("appeal").path("state").asString()).isEqualTo("SCORE_REVISED");
        });
        JsonNode first = agent.get("/api/quality/scores/" + scoreId).json().path("score");
        assertThat(first.path("current").asBoolean()).isFalse();
        assertThat(first.path("total").decimalValue()).isEqualByComparingTo("0");
        JsonNode sheet = scorer.get("/api/quality/calls/" + callId).json();
        assertThat(sheet.path("revisions").findValuesAsString("scorer"))
                .containsExactly("q.scorer." + agentA, "q.decider." + agentA);
        assertThat(agent.post("/api/quality/scores/" + revisedId + "/appeal", "{\"reason\":\"once more\"}").status())
                .isEqualTo(409);
        Http.Response rescored = scorer.post("/api/quality/calls/" + callId + "/score", VETOED);
        assertThat(rescored.status()).isEqualTo(409);
        assertThat(rescored.json().path("detail").asString()).contains("settled by appeal " + appealId);
    }

    @Test
    void aSecondSupervisorMayKeepTheScoreAndTheHoldIsLifted() {
        RecordingView recording = fixture.recorded(agentA, Instant.now().minusSeconds(600));
        String scoreId = scorer.post("/api/quality/calls/" + recording.callId() + "/score", VETOED).json()
                .path("id").asString();
        long appealId = agent.post("/api/quality/scores/" + scoreId + "/appeal", "{\"reason\":\"请复听\"}").json()
                .path("id").asLong();
        assertThat(secondSupervisor.post("/api/quality/appeals/" + appealId + "/decision", "{\"outcome\":\"KEEP\"}")
                .status()).isEqualTo(400);

        JsonNode decided = secondSupervisor.post("/api/quality/appeals/" + appealId + "/decision",
                "{\"outcome\":\"KEEP\",\"note\":\"复听确认态度问题属实\"}").json();

        assertThat(decided.path("state").asString()).isEqualTo("SCORE_KEPT");
        assertThat(decided.path("decisionNote").asString()).isEqualTo("复听确认态度问题属实");
        assertThat(recordings.find(recording.id()).orElseThrow().scoreAppealOpen()).isFalse();
        JsonNode mine = agent.get("/api/quality/scores/" + scoreId).json();
        assertThat(mine.path("score").path("current").asBoolean()).isTrue();
        assertThat(mine.path("score").path("total").decimalValue()).isEqualByComparingTo("0");
        assertThat(mine.path("appeal").path("state").asString()).isEqualTo("SCORE_KEPT");
    }
}
