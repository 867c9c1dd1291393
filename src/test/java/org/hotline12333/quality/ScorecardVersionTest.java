package org.hotline12333.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Administrators change a scorecard by making a new version; scores keep the version they were made with. */
@HotlineTest
class ScorecardVersionTest {

    static final String VERSION_1 = """
            {"name":"热线测试评分表","items":[
              {"code":"accuracy","name":"准确性","weight":60,"scale":3},
              {"code":"courtesy","name":"礼貌用语","weight":40,"scale":2,"speech":"COURTESY"}],
             "vetoes":[{"code":"wrong-answer","name":"答复错误"}]}""";
    static final String RATED = "{\"scorecard\":\"%s\",%s\"items\":[{\"code\":\"accuracy\",\"rating\":2},"
            + "{\"code\":\"courtesy\",\"rating\":1}]}";

    @Autowired
    ApplicationContext service;

    @Test
    void aChangeIsANewVersionAndOldScoresKeepTheirs() {
        QualityFixture fixture = new QualityFixture(service);
        Http admin = fixture.admin();
        String agent = QualityFixture.workNumber();
        String card = "test-card-" + agent;

        Http.Response created = admin.put("/api/quality/scorecards/" + card, VERSION_1);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("version").asInt()).isEqualTo(1);
        assertThat(created.json().path("createdBy").asString()).isEqualTo("admin");
        Http.Response same = admin.put("/api/quality/scorecards/" + card, VERSION_1.replace("60", "60.00"));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("version").asInt()).isEqualTo(1);

        String before = fixture.answered(agent, Instant.now().minusSeconds(900), Duration.ofSeconds(60), null, null);
        JsonNode old = admin.post("/api/quality/calls/" + before + "/score", RATED.formatted(card, "")).json();
        // 60×2/3 + 40×1/2
        assertThat(old.path("total").decimalValue()).isEqualByComparingTo("60");

        Http.Response changed = admin.put("/api/quality/scorecards/" + card,
                VERSION_1.replace("\"weight\":60", "\"weight\":50").replace("\"weight\":40", "\"weight\":50"));
        assertThat(changed.status()).isEqualTo(201);
        assertThat(changed.json().path("version").asInt()).isEqualTo(2);

        String after = fixture.answered(agent, Instant.now().minusSeconds(600), Duration.ofSeconds(60), null, null);
        JsonNode current = admin.post("/api/quality/calls/" + after + "/score", RATED.formatted(card, "")).json();
        assertThat(current.path("scorecard").path("version").asInt()).isEqualTo(2);
        // 50×2/3 = 33.33 + 50×1/2 = 25
        assertThat(current.path("total").decimalValue()).isEqualByComparingTo("58.33");
        String pinned = fixture.answered(agent, Instant.now().minusSeconds(300), Duration.ofSeconds(60), null, null);
        JsonNode onVersion1 = admin.post("/api/quality/calls/" + pinned + "/score",
                RATED.formatted(card, "\"version\":1,")).json();
        assertThat(onVersion1.path("total").decimalValue()).isEqualByComparingTo("60");

        JsonNode kept = admin.get("/api/quality/scores/" + old.path("id").asString()).json().path("score");
        assertThat(kept.path("scorecard").path("version").asInt()).isEqualTo(1);
        assertThat(kept.path("items").findValues("weight")).extracting(JsonNode::asInt).containsExactly(60, 40);
        assertThat(kept.path("total").decimalValue()).isEqualByComparingTo("60");
        assertThat(admin.get("/api/quality/scorecards/" + card + "?version=1").json().path("items").get(0)
                .path("weight").asInt()).isEqualTo(60);
        assertThat(admin.get("/api/quality/scorecards/" + card).json().path("version").asInt()).isEqualTo(2);
        assertThat(admin.post("/api/quality/calls/" + pinned + "/score", RATED.formatted("no-such-card", ""))
                .status()).isEqualTo(404);
    }

    @Test
    void aScorecardThatDoesNotAddUpIsRefusedWithEveryProblem() {
        Http admin = new QualityFixture(service).admin();

        Http.Response refused = admin.put("/api/quality/scorecards/broken", """
                {"name":"broken","items":[{"code":"accuracy","name":"准确性","weight":50,"scale":5},
                  {"code":"accuracy","name":"again","weight":40,"scale":5}],"vetoes":[{"code":"x","name":""}]}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString())
                .contains("items[1].code: 'accuracy' is used twice")
                .contains("items: the weights add up to 90, not 100")
                .contains("vetoes[0].name: required");
        assertThat(admin.get("/api/quality/scorecards/broken").status()).isEqualTo(404);
    }
}
