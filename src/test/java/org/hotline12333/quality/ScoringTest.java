package org.hotline12333.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hotline12333.recording.Leg;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.hotline12333.recording.RecordingsProperties;
import org.hotline12333.security.Role;
import org.hotline12333.speech.Finding;
import org.hotline12333.speech.FindingKind;
import org.hotline12333.speech.FindingsReady;
import org.hotline12333.speech.Speaker;
import org.hotline12333.speech.SpeechMeasures;
import org.hotline12333.speech.VetoProposed;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scoring recorded calls through the API against the default scorecard: the weighted score, the one-vote veto, speech
 * analytics' proposals confirmed or overruled, a live score, and the sidecar beside the recording (valid against
 * {@code recordings-schema/score.schema.json}) with the recording told its score.
 */
@HotlineTest
class ScoringTest {

    /** A rating for each item of the default card: 25×4/5 + 15×3/5 + 15×5/5 + 10×4/5 + 5×3/5 + 5×1/2 + 10×2/2 + 15×4/5. */
    static final String RATINGS = """
            {"code":"accuracy","rating":4},{"code":"completeness","rating":3},{"code":"relevance","rating":5},
            {"code":"tone","rating":4},{"code":"intonation","rating":3},{"code":"speech-rate","rating":1},
            {"code":"courtesy","rating":2},{"code":"policy-compliance","rating":4}""";
    static final String WEIGHTED_TOTAL = "79.5";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext service;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    Recordings recordings;
    @Autowired
    RecordingsProperties recordingsProperties;

    QualityFixture fixture;
    Http supervisor;
    String agent;

    @BeforeEach
    void setUp() {
        fixture = new QualityFixture(service);
        supervisor = fixture.admin();
        agent = QualityFixture.workNumber();
    }

    @Test
    void theDefaultScorecardIsSeededWithItsWeightedItemsAndVetoes() {
        JsonNode card = supervisor.get("/api/quality/scorecards/hotline-standard").json();

        assertThat(card.path("version").asInt()).isEqualTo(1);
        assertThat(card.path("createdBy").asString()).isEqualTo("seed");
        assertThat(card.path("items").findValuesAsString("name"))
                .containsExactly("准确性", "完整性", "针对性", "语气", "语调", "语速", "礼貌用语", "政策执行");
        assertThat(card.path("items").findValues("weight")).extracting(JsonNode::asInt)
                .containsExactly(25, 15, 15, 10, 5, 5, 10, 15);
        assertThat(card.path("vetoes").findValuesAsString("code"))
                .containsExactly("bad-attitude", "wrong-answer", "forbidden-phrase", "personal-data-disclosure");
        assertThat(card.path("vetoes").get(2).path("speech").asString()).isEqualTo("FORBIDDEN_PHRASE");
    }

    @Test
    void aScoreIsTheWeightedRatingsAndIsWrittenBesideTheRecording() throws Exception {
        RecordingView recording = fixture.recorded(agent, Instant.now().minusSeconds(120));

        Http.Response scored = supervisor.post("/api/quality/calls/" + recording.callId() + "/score",
                "{\"items\":[" + RATINGS + "],\"comment\":\"一次性告知做得好\"}");

        assertThat(scored.status()).as(scored.body()).isEqualTo(201);
        JsonNode score = scored.json();
        assertThat(score.path("total").decimalValue()).isEqualByComparingTo(WEIGHTED_TOTAL);
        assertThat(score.path("vetoed").asBoolean()).isFalse();
        assertThat(score.path("agent").asString()).isEqualTo(agent);
        assertThat(score.path("scorecard").path("version").asInt()).isEqualTo(1);
        assertThat(score.path("items").findValues("points")).extracting(JsonNode::decimalValue)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("20"),
                        new BigDecimal("9"), new BigDecimal("15"), new BigDecimal("8"), new BigDecimal("3"),
                        new BigDecimal("2.5"), new BigDecimal("10"), new BigDecimal("12"));
        assertThat(score.path("links").path("recording").asString()).isEqualTo("/api/recordings/" + recording.id());
        assertThat(score.path("links").path("audio").asString()).isEqualTo("/api/recordings/" + recording.id() + "/audio");
        assertThat(score.path("links").path("transcript").asString()).isEqualTo("/api/speech/calls/" + recording.callId());
        assertThat(supervisor.get(score.path("links").path("recording").asString()).status()).isEqualTo(200);

        Path sidecar = sidecarOf(recording);
        assertThat(ScoreSchema.problems(sidecar)).isEmpty();
        JsonNode written = JSON.readTree(Files.readString(sidecar));
        assertThat(written.path("total").decimalValue()).isEqualByComparingTo(WEIGHTED_TOTAL);
        assertThat(written.path("recordingId").asString()).isEqualTo(recording.id());
        assertThat(written.path("scorer").asString()).isEqualTo("admin");
        assertThat(written.path("items").get(5).path("value").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(written.path("items").get(5).path("weight").asInt()).isEqualTo(5);
        assertThat(recordings.find(recording.id()).orElseThrow().score()).isEqualByComparingTo(WEIGHTED_TOTAL);
        assertThat(score.path("sidecar").asBoolean()).isTrue();
    }

    @Test
    void anAppliedVetoMakesTheScoreZeroAndIsCountedOnItsOwn() throws Exception {
        RecordingView recording = fixture.recorded(agent, Instant.now().minusSeconds(120));

        JsonNode score = supervisor.post("/api/quality/calls/" + recording.callId() + "/score",
                "{\"items\":[" + RATINGS + "],\"vetoes\":[{\"code\":\"wrong-answer\",\"applied\":true,"
                        + "\"note\":\"told the caller the pension starts at 55 (2:05)\"}]}").json();

        assertThat(score.path("total").decimalValue()).isEqualByComparingTo("0");
        assertThat(score.path("points").decimalValue()).isEqualByComparingTo(WEIGHTED_TOTAL);
        assertThat(score.path("vetoed").asBoolean()).isTrue();
        JsonNode written = JSON.readTree(Files.readString(sidecarOf(recording)));
        assertThat(ScoreSchema.problems(sidecarOf(recording))).isEmpty();
        assertThat(written.path("total").decimalValue()).isEqualByComparingTo("0");
        assertThat(written.path("vetoItems")).extracting(v -> v.path("code").asString(), v -> v.path("applied").asBoolean())
                .contains(tuple("wrong-answer", true), tuple("bad-attitude", false));
        assertThat(recordings.find(recording.id()).orElseThrow().score()).isEqualByComparingTo("0");
    }

    @Test
    void speechAnalyticsProposalsArePrefilledAndTheSupervisorConfirmsOrOverrulesEach() throws Exception {
        RecordingView recording = fixture.recorded(agent, Instant.now().minusSeconds(300));
        String callId = recording.callId();
        Finding forbidden = new Finding(FindingKind.FORBIDDEN_PHRASE, Speaker.AGENT, 12.3, 13.1, "不知道",
                "agent said 「不知道」: 「这个我不知道」");
        publisher.publishEvent(new FindingsReady(recording.id(), callId, List.of(
                new Finding(FindingKind.GREETING, Speaker.AGENT, 0.5, 1.2, "您好", "「您好请问有什么可以帮您」"),
                forbidden,
                new Finding(FindingKind.SPEECH_TOO_FAST, Speaker.AGENT, 0.5, 40, null,
                        "the agent spoke 312 characters per minute (comfortable: 150–250)"),
                new Finding(FindingKind.CLOSING_MISSING, Speaker.AGENT, 30, 40, null,
                        "no closing (感谢您的来电 / 再见) when the agent finished: 「去窗口办就行了」")),
                new SpeechMeasures(40, 20, 312, 0.67, 0, 3)));
        publisher.publishEvent(new VetoProposed(callId, recording.id(),
                "forbidden phrase (服务忌语) in the agent's speech", List.of(forbidden)));

        JsonNode queued = supervisor.get("/api/quality/queue?agent=" + agent).json();
        assertThat(queued).singleElement().satisfies(entry -> {
            assertThat(entry.path("callId").asString()).isEqualTo(callId);
            assertThat(entry.path("reasons").get(0).asString()).isEqualTo("FINDING");
            assertThat(entry.path("findingDetail").asString()).contains("FORBIDDEN_PHRASE", "SPEECH_TOO_FAST");
        });
        JsonNode proposals = supervisor.get("/api/quality/calls/" + callId).json().path("proposals");
        assertThat(proposals).extracting(p -> p.path("code").asString(), p -> p.path("rating").asInt(-1),
                p -> p.path("applied").asBoolean(false)).containsExactly(
                tuple("speech-rate", 0, false), tuple("courtesy", 1, false), tuple("forbidden-phrase", -1, true));
        assertThat(proposals.get(0).path("evidence").asString()).contains("312 characters per minute");
        assertThat(proposals.get(1).path("evidence").asString())
                .isEqualTo("greeting 「您好」 at 0:00; no closing: no closing (感谢您的来电 / 再见) when the agent "
                        + "finished: 「去窗口办就行了」");
        assertThat(proposals.get(2).path("evidence").asString()).contains("「不知道」 at 0:12");

        Http.Response undecided = supervisor.post("/api/quality/calls/" + callId + "/score",
                "{\"items\":[" + RATINGS + "]}");
        assertThat(undecided.status()).isEqualTo(400);
        assertThat(undecided.json().path("detail").asString())
                .contains("item speech-rate was prefilled by speech analytics with rating 0")
                .contains("item courtesy was prefilled by speech analytics with rating 1")
                .contains("veto forbidden-phrase was proposed by speech analytics");

        JsonNode score = supervisor.post("/api/quality/calls/" + callId + "/score", "{\"items\":[" + RATINGS
                        .replace("{\"code\":\"speech-rate\",\"rating\":1}", "{\"code\":\"speech-rate\",\"decision\":\"CONFIRM\"}")
                        .replace("{\"code\":\"courtesy\",\"rating\":2}", "{\"code\":\"courtesy\",\"rating\":2,\"decision\":\"OVERRULE\"}")
                + "],\"vetoes\":[{\"code\":\"forbidden-phrase\",\"decision\":\"CONFIRM\"}]}").json();

        assertThat(score.path("total").decimalValue()).isEqualByComparingTo("0");
        // 79.5 - 2.5: speech rate confirmed at 0 instead of 1
        assertThat(score.path("points").decimalValue()).isEqualByComparingTo("77");
        assertThat(score.path("items")).extracting(i -> i.path("code").asString(), i -> i.path("prefilled").asBoolean(),
                i -> i.path("proposedRating").asInt(-1), i -> i.path("rating").asInt(), i -> i.path("decision").asString())
                .contains(tuple("speech-rate", true, 0, 0, "CONFIRMED"), tuple("courtesy", true, 1, 2, "OVERRULED"),
                        tuple("accuracy", false, -1, 4, ""));
        JsonNode written = JSON.readTree(Files.readString(sidecarOf(recording)));
        assertThat(ScoreSchema.problems(sidecarOf(recording))).isEmpty();
        assertThat(written.path("items")).extracting(i -> i.path("code").asString(),
                i -> i.path("prefilledFromSpeech").asBoolean(), i -> i.path("confirmed").asBoolean())
                .contains(tuple("speech-rate", true, true), tuple("courtesy", true, false), tuple("accuracy", false, true));
        JsonNode veto = written.path("vetoItems").get(2);
        assertThat(veto.path("code").asString()).isEqualTo("forbidden-phrase");
        assertThat(veto.path("applied").asBoolean()).isTrue();
        assertThat(veto.path("prefilledFromSpeech").asBoolean()).isTrue();
        assertThat(veto.path("confirmed").asBoolean()).isTrue();
        assertThat(veto.path("note").asString()).contains("「不知道」 at 0:12");
        assertThat(supervisor.get("/api/quality/queue?agent=" + agent).json()).isEmpty();
    }

    @Test
    void aCallScoredLiveGetsItsSidecarWhenTheRecordingCloses() throws Exception {
        AgiStandIn.SimulatedCall call = fixture.inProgress(agent, Instant.now());
        String callId = fixture.callIdOf(call);

        JsonNode score = supervisor.post("/api/quality/calls/" + callId + "/score", "{\"items\":[" + RATINGS + "]}")
                .json();

        assertThat(score.path("live").asBoolean()).isTrue();
        assertThat(score.path("sidecar").asBoolean()).isFalse();
        call.release();
        RecordingView recording = fixture.closed(call.awaitEnd());
        Path sidecar = sidecarOf(recording);
        await().alias("score sidecar written").until(() -> Files.exists(sidecar));
        assertThat(ScoreSchema.problems(sidecar)).isEmpty();
        assertThat(supervisor.get("/api/quality/scores/" + score.path("id").asString()).json()
                .path("score").path("sidecar").asBoolean()).isTrue();
        assertThat(recordings.find(recording.id()).orElseThrow().score()).isEqualByComparingTo(WEIGHTED_TOTAL);
    }

    @Test
    void onlySupervisorsScoreAndOnlyAdministratorsChangeScorecards() {
        RecordingView recording = fixture.recorded(agent, Instant.now().minusSeconds(60));
        Http agentUser = fixture.user("q.scoring.agent." + agent, Role.AGENT);
        Http supervisorUser = fixture.user("q.scoring.supervisor." + agent, Role.SUPERVISOR);

        assertThat(agentUser.post("/api/quality/calls/" + recording.callId() + "/score",
                "{\"items\":[" + RATINGS + "]}").status()).isEqualTo(403);
        assertThat(agentUser.get("/api/quality/calls/" + recording.callId()).status()).isEqualTo(403);
        assertThat(agentUser.get("/api/quality/queue").status()).isEqualTo(403);
        assertThat(agentUser.get("/api/quality/scorecards").status()).isEqualTo(403);
        assertThat(supervisorUser.put("/api/quality/scorecards/hotline-standard", "{}").status()).isEqualTo(403);
        assertThat(supervisorUser.get("/api/quality/calls/" + recording.callId()).status()).isEqualTo(200);
        assertThat(supervisor.get("/api/quality/calls/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private Path sidecarOf(RecordingView recording) {
        return recordingsProperties.directory().resolve(recording.files().get(Leg.MIXED).path())
                .resolveSibling(recording.callId() + ".score.json");
    }
}
