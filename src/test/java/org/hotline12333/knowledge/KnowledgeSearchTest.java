package org.hotline12333.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline12333.knowledge.KnowledgeFixture.codes;
import static org.hotline12333.knowledge.KnowledgeFixture.search;

import java.util.List;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Agents search the seeded knowledge base in Chinese as they would on a call: words found wherever they stand in a
 * sentence, the title and the classification ranking above the body, the matching words marked; bad searches told
 * what is wrong.
 */
@HotlineTest
class KnowledgeSearchTest {

    @LocalServerPort
    int port;
    @Autowired
    RecordedEvents events;

    /** The first rebuild of the service's life: when it started, from the seeded database, before any search. */
    @Test
    void theIndexIsBuiltFromTheDatabaseWhenTheServiceStarts() {
        KnowledgeIndexRebuilt first = events.ofType(KnowledgeIndexRebuilt.class).get(0);

        assertThat(first.reason()).isEqualTo(KnowledgeIndexRebuilt.Reason.START);
        assertThat(first.articles()).isGreaterThanOrEqualTo(13);
    }

    @Test
    void aSearchForRetirementPensionCalculationFindsThePensionArticleWithItsWordsMarked() {
        Http agent = new KnowledgeFixture(port).user("AGENT");

        Http.Response hits = search(agent, "退休 养老金 计发");

        assertThat(codes(hits)).first().isEqualTo("pension-calculation");
        JsonNode best = hits.json().get(0);
        assertThat(best.path("title").asString()).isEqualTo("退休后基本养老金如何计发");
        assertThat(best.path("titleHighlight").asString()).contains("<mark>退休</mark>").contains("<mark>计发</mark>");
        assertThat(best.path("snippet").asString()).contains("<mark>");
        assertThat(best.path("classifications").valueStream().map(JsonNode::asString)).contains("110104");
        // the same words run together, as an agent types a caller's question
        assertThat(codes(search(agent, "退休以后养老金是怎么计发的"))).first().isEqualTo("pension-calculation");
    }

    @Test
    void theSeedHoldsTheCentresAgreedAnswersWithTheirDocumentLists() {
        Http agent = new KnowledgeFixture(port).user("AGENT");

        JsonNode articles = KnowledgeFixture.require(agent.get("/api/knowledge/articles"));
        assertThat(articles.valueStream().map(a -> a.path("code").asString())).contains("pension-calculation",
                "pension-transfer", "medical-remote", "medical-reimbursement", "unemployment-benefit",
                "work-injury-recognition", "maternity-allowance", "employment-registration",
                "labour-contract-severance", "wage-arrears", "personnel-files", "social-security-card-loss");
        JsonNode remote = KnowledgeFixture.require(agent.get("/api/knowledge/articles/medical-remote"));
        assertThat(remote.path("documents").valueStream().map(JsonNode::asString))
                .contains("社会保障卡或医保电子凭证", "本人居民身份证");
        assertThat(remote.path("basis").asString()).contains("医保发〔2022〕22号");
        assertThat(remote.path("classifications").get(0).path("name").asString()).isEqualTo("异地就医备案与结算");
        assertThat(remote.path("approvedBy").asString()).isEqualTo("seed");

        assertThat(codes(search(agent, "异地就医 备案"))).first().isEqualTo("medical-remote");
        assertThat(codes(search(agent, "单位拖欠工资"))).first().isEqualTo("wage-arrears");
        assertThat(codes(search(agent, "工伤认定 时限"))).first().isEqualTo("work-injury-recognition");
        assertThat(codes(search(agent, "社保卡丢了"))).first().isEqualTo("social-security-card-loss");
        assertThat(codes(search(agent, "产假 生育津贴"))).first().isEqualTo("maternity-allowance");
    }

    @Test
    void aMatchInTheTitleOrTheClassificationOutranksTheSameWordsInTheBody() {
        KnowledgeFixture.Team team = new KnowledgeFixture(port).team();
        String inBody = team.approvedArticle("body", "一次性吸纳就业补贴说明",
                "稳岗返还资金按规定返还；稳岗返还的对象是参保企业；稳岗返还不需要申请。", List.of("120403"), List.of());
        String inTitle = team.approvedArticle("title", "稳岗返还政策",
                "符合条件的企业可以领取。", List.of("120403"), List.of());
        String byClass = team.approvedArticle("class", "企业补贴问答",
                "符合条件的企业可以领取。", List.of("110303"), List.of());

        List<String> found = codes(search(team.agent(), "稳岗返还"));
        assertThat(found).contains(inTitle, inBody, byClass);
        assertThat(found.indexOf(inTitle)).isLessThan(found.indexOf(inBody));
        assertThat(found.indexOf(byClass)).isLessThan(found.indexOf(inBody));
        assertThat(codes(search(team.agent(), "110303"))).first().isEqualTo(byClass);
    }

    @Test
    void emptyAndOverlongSearchesAreRefusedSayingWhy() {
        Http agent = new KnowledgeFixture(port).user("AGENT");

        Http.Response empty = search(agent, "  ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.header("Content-Type")).startsWith("application/problem+json");
        assertThat(empty.json().path("detail").asString()).startsWith("q: type what the caller asks about");

        Http.Response huge = agent.post("/api/knowledge/search", "{\"q\":\"" + "养".repeat(10_000) + "\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(huge.json().path("detail").asString())
                .isEqualTo("q: 10000 characters is too long to search; at most 200 (a few words work best)");
        Http.Response fiveHundred = search(agent, "养".repeat(500)); // still within the web server's 8 KB of URL
        assertThat(fiveHundred.status()).isEqualTo(400);
        assertThat(fiveHundred.json().path("detail").asString()).startsWith("q: 500 characters is too long");
        // 10,000 characters in a URL are 90 KB: the web server refuses that request itself, before the service
        assertThat(search(agent, "养".repeat(10_000)).status()).isEqualTo(400);
        assertThat(agent.post("/api/knowledge/search", "{\"q\":\"\"}").json().path("detail").asString())
                .startsWith("q: type what the caller asks about");

        assertThat(agent.get("/api/knowledge/search?q=x&limit=0").status()).isEqualTo(400);
        // words the analyzer drops (only punctuation) find nothing, without an error
        Http.Response nothing = search(agent, "？？");
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.json().size()).isZero();
    }

    @Test
    void departmentsAndStrangersCannotSearch() {
        KnowledgeFixture fixture = new KnowledgeFixture(port);
        assertThat(search(fixture.user("DEPARTMENT"), "养老金").status()).isEqualTo(403);
        assertThat(search(Http.on(port), "养老金").status()).isEqualTo(401);
    }
}
