package org.hotline12333.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.security.Role;
import org.hotline12333.speech.Finding;
import org.hotline12333.speech.FindingKind;
import org.hotline12333.speech.FindingsReady;
import org.hotline12333.speech.Speaker;
import org.hotline12333.speech.SpeechMeasures;
import org.hotline12333.speech.VetoProposed;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.PostgresInstance;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Quality on a real PostgreSQL, as in production, every query of the package: proposals, a vetoed score, an appeal
 * revised by a second supervisor, the lists, two draws of one day at once (one draws, the other gets its run), and the
 * monthly assessment.
 */
class QualityOnPostgresTest {

    final ConfigurableApplicationContext service = PostgresInstance.shared().first();

    @Test
    void scoringAppealsSamplingAndTheAssessmentWorkOnPostgres() {
        QualityFixture fixture = new QualityFixture(service);
        Http admin = fixture.admin();
        String workNumber = QualityFixture.workNumber();
        Http agent = fixture.agent(workNumber, "赵六");
        Http decider = fixture.user("q.pg.decider", Role.SUPERVISOR);
        LocalDate day = LocalDate.of(2024, 7, 2);
        Instant connected = day.atTime(9, 30).atZone(service.getBean(QualityProperties.class).zone()).toInstant();
        RecordingView recording = fixture.recorded(workNumber, connected);
        Finding forbidden = new Finding(FindingKind.FORBIDDEN_PHRASE, Speaker.AGENT, 5, 6, "自己去查", "「自己去查」");
        service.publishEvent(new FindingsReady(recording.id(), recording.callId(), List.of(forbidden),
                new SpeechMeasures(20, 10, 200, 0.67, 0, 2)));
        service.publishEvent(new VetoProposed(recording.callId(), recording.id(), "forbidden phrase", List.of(forbidden)));

        JsonNode vetoed = admin.post("/api/quality/calls/" + recording.callId() + "/score", "{\"items\":["
                + ScoringTest.RATINGS.replace("\"speech-rate\",\"rating\":1", "\"speech-rate\",\"rating\":2,\"decision\":\"CONFIRM\"")
                        .replace("\"courtesy\",\"rating\":2", "\"courtesy\",\"rating\":0,\"decision\":\"CONFIRM\"")
                + "],\"vetoes\":[{\"code\":\"forbidden-phrase\",\"decision\":\"CONFIRM\"}]}").json();
        assertThat(vetoed.path("total").decimalValue()).as(vetoed.toString()).isEqualByComparingTo("0");
        long appeal = agent.post("/api/quality/scores/" + vetoed.path("id").asString() + "/appeal",
                "{\"reason\":\"是来电人说的\"}").json().path("id").asLong();
        JsonNode decided = decider.post("/api/quality/appeals/" + appeal + "/decision", "{\"outcome\":\"REVISE\","
                + "\"note\":\"复听：忌语出自来电人\",\"score\":{\"items\":[" + ScoringTest.RATINGS
                .replace("\"speech-rate\",\"rating\":1", "\"speech-rate\",\"rating\":1,\"decision\":\"OVERRULE\"")
                .replace("\"courtesy\",\"rating\":2", "\"courtesy\",\"rating\":2,\"decision\":\"OVERRULE\"")
                + "],\"vetoes\":[{\"code\":\"forbidden-phrase\",\"decision\":\"OVERRULE\",\"note\":\"来电人说的\"}]}}")
                .json();
        assertThat(decided.path("state").asString()).as(decided.toString()).isEqualTo("SCORE_REVISED");
        assertThat(agent.get("/api/quality/my/scores").json().get(0).path("score").path("total").decimalValue())
                .isEqualByComparingTo(ScoringTest.WEIGHTED_TOTAL);
        assertThat(admin.get("/api/quality/scores?agent=" + workNumber).json()).hasSize(1);
        assertThat(admin.get("/api/quality/appeals?state=all&agent=" + workNumber).json()).hasSize(1);
        assertThat(admin.get("/api/quality/queue?agent=" + workNumber).json()).isEmpty();
        assertThat(admin.get("/api/quality/scorecards").json().findValuesAsString("id")).contains("hotline-standard");
        assertThat(service.getBean(Scoring.class).writePendingSidecars()).isZero();

        fixture.answered(workNumber, connected.plusSeconds(600), Duration.ofSeconds(100), Duration.ofSeconds(20),
                Satisfaction.SATISFIED);
        Sampler sampler = service.getBean(Sampler.class);
        CompletableFuture<Sampler.Run> one = CompletableFuture.supplyAsync(() -> sampler.draw(day, 1, "one"));
        CompletableFuture<Sampler.Run> other = CompletableFuture.supplyAsync(() -> sampler.draw(day, 2, "other"));
        Sampler.Run a = one.join();
        Sampler.Run b = other.join();
        assertThat(a.seed()).isEqualTo(b.seed());
        assertThat(List.of(a.drawnNow(), b.drawnNow())).containsExactlyInAnyOrder(true, false);
        assertThat(a.sampled()).isEqualTo(2);

        assertThat(admin.post("/api/quality/assessments/2024-07", "").status()).isEqualTo(201);
        String csv = new String(admin.getBytes("/api/quality/assessments/2024-07/csv").body(), StandardCharsets.UTF_8);
        assertThat(csv).contains("2024-07," + workNumber + ",赵六,2,2,");
        assertThat(csv).contains(",1,1,0,0,100.0,1," + ScoringTest.WEIGHTED_TOTAL + "0,0\r\n");
    }
}
