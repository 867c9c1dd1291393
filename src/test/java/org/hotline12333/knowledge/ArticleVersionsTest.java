package org.hotline12333.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline12333.knowledge.KnowledgeFixture.codes;
import static org.hotline12333.knowledge.KnowledgeFixture.draft;
import static org.hotline12333.knowledge.KnowledgeFixture.require;
import static org.hotline12333.knowledge.KnowledgeFixture.search;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Supervisors write versions and approve each other's (four eyes); agents read only the approved version in force
 * today, and search finds it the moment it is approved; a supervisor who edited an old version is told to reload.
 */
@HotlineTest
class ArticleVersionsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient db;
    @Autowired
    RecordedEvents events;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aVersionIsReadByAgentsOnlyOnceAnotherSupervisorApprovedIt() {
        KnowledgeFixture.Team team = new KnowledgeFixture(port).team();
        String code = team.approvedArticle("skills", "职业技能提升补贴申领",
                "参保职工取得职业资格证书的可以申领技能提升补贴。", List.of("110304"), List.of("unemployment"));
        assertThat(codes(search(team.agent(), "技能提升补贴"))).contains(code);

        JsonNode second = require(team.author().post("/api/knowledge/articles/" + code + "/versions", draft(1,
                "职业技能提升补贴申领", "参保职工取得证书之日起12个月内在线申领技能提升补贴，每人每年最多三次。",
                List.of("110304"), List.of("unemployment"), "2020-01-01", null)));
        assertThat(second.path("version").asInt()).isEqualTo(2);
        assertThat(second.path("status").asString()).isEqualTo("DRAFT");
        assertThat(codes(search(team.agent(), "每年最多三次"))).doesNotContain(code); // a draft is not in force
        assertThat(require(team.agent().get("/api/knowledge/articles/" + code)).path("version").asInt()).isEqualTo(1);
        assertThat(require(team.approver().get("/api/knowledge/drafts")).valueStream()
                .anyMatch(d -> d.path("code").asString().equals(code) && d.path("version").asInt() == 2)).isTrue();

        Http.Response own = team.author().post("/api/knowledge/articles/" + code + "/versions/2/approve", "{}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().path("detail").asString())
                .isEqualTo("you wrote version 2 of " + code + ": another supervisor reviews it (four eyes)");
        assertThat(team.agent().post("/api/knowledge/articles/" + code + "/versions/2/approve", "{}").status()).isEqualTo(403);
        assertThat(team.agent().post("/api/knowledge/articles/" + code + "/versions", draft(2, "x", "y", List.of("110304"),
                List.of(), "2020-01-01", null)).status()).isEqualTo(403);

        JsonNode approved = require(team.approver().post("/api/knowledge/articles/" + code + "/versions/2/approve",
                "{\"note\":\"与经办口径一致\"}"));
        assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("reviewNote").asString()).isEqualTo("与经办口径一致");
        assertThat(codes(search(team.agent(), "每年最多三次"))).first().isEqualTo(code);
        JsonNode read = require(team.agent().get("/api/knowledge/articles/" + code));
        assertThat(read.path("version").asInt()).isEqualTo(2);
        assertThat(read.path("approvedBy").asString()).isNotEqualTo(read.path("author").asString());
        assertThat(team.approver().post("/api/knowledge/articles/" + code + "/versions/2/approve", "{}").status())
                .isEqualTo(409);
    }

    @Test
    void aSupervisorWhoEditedAStaleVersionIsToldToReloadAndNothingIsWritten() {
        KnowledgeFixture fixture = new KnowledgeFixture(port);
        Http first = fixture.user("SUPERVISOR");
        Http second = fixture.user("SUPERVISOR");
        String code = KnowledgeFixture.approvedArticle(first, second, "stale", "公益性岗位补贴", "按月发放。",
                List.of("120402"), List.of());
        require(first.post("/api/knowledge/articles/" + code + "/versions", draft(1, "公益性岗位补贴",
                "按月发放，期限最长三年。", List.of("120402"), List.of(), "2020-01-01", null)));

        Http.Response stale = second.post("/api/knowledge/articles/" + code + "/versions", draft(1, "公益性岗位补贴",
                "按季度发放。", List.of("120402"), List.of(), "2020-01-01", null));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("detail").asString()).startsWith("article " + code + " has changed since "
                + "version 1: version 2 is the newest").endsWith("load it and make your change again");
        assertThat(require(first.get("/api/knowledge/articles/" + code + "/versions")).valueStream()
                .map(v -> v.path("version").asInt()).toList()).containsExactly(2, 1);

        // a draft replaced by a newer one before review can no longer be approved
        require(first.post("/api/knowledge/articles/" + code + "/versions", draft(2, "公益性岗位补贴",
                "按月发放，期限最长三年，距法定退休年龄不足五年的可延长至退休。", List.of("120402"), List.of(), "2020-01-01", null)));
        Http.Response replaced = second.post("/api/knowledge/articles/" + code + "/versions/2/approve", "{}");
        assertThat(replaced.status()).isEqualTo(409);
        assertThat(replaced.json().path("detail").asString()).contains("is REPLACED by version 3");
        assertThat(second.post("/api/knowledge/articles/" + code + "/versions/3/reject", "{}").json()
                .path("detail").asString()).startsWith("reason:");
        assertThat(require(second.post("/api/knowledge/articles/" + code + "/versions/3/reject",
                "{\"note\":\"退休前延长的条件请写明\"}")).path("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void badVersionsAreRefusedSayingWhatIsWrong() {
        KnowledgeFixture fixture = new KnowledgeFixture(port);
        Http supervisor = fixture.user("SUPERVISOR");
        String code = KnowledgeFixture.code("bad");

        Http.Response unknownClass = supervisor.post("/api/knowledge/articles/" + code + "/versions", draft(null,
                "标题", "答复", List.of("999999"), List.of(), "2020-01-01", null));
        assertThat(unknownClass.status()).isEqualTo(400);
        assertThat(unknownClass.json().path("detail").asString()).startsWith("classifications: unknown code '999999'");
        Http.Response medium = supervisor.post("/api/knowledge/articles/" + code + "/versions", draft(null,
                "标题", "答复", List.of("110100"), List.of(), "2020-01-01", null));
        assertThat(medium.json().path("detail").asString()).contains("is a medium class");
        Http.Response noTitle = supervisor.post("/api/knowledge/articles/" + code + "/versions", draft(null,
                "", "答复", List.of("110101"), List.of("Pension!"), "2020-01-01", null));
        assertThat(noTitle.status()).isEqualTo(400);
        assertThat(noTitle.json().path("detail").asString()).contains("title: must not be blank")
                .contains("ivrNodes[0]: must be the name of an IVR node");
        Http.Response backwards = supervisor.post("/api/knowledge/articles/" + code + "/versions", draft(null,
                "标题", "答复", List.of("110101"), List.of(), "2026-01-01", "2025-12-31"));
        assertThat(backwards.json().path("detail").asString())
                .isEqualTo("validUntil: 2025-12-31 is before effectiveFrom 2026-01-01");
        assertThat(supervisor.get("/api/knowledge/articles/" + code + "/versions").status()).isEqualTo(404);
        Http.Response taken = supervisor.post("/api/knowledge/articles/pension-calculation/versions", draft(null,
                "标题", "答复", List.of("110101"), List.of(), "2020-01-01", null));
        assertThat(taken.status()).isEqualTo(409);
    }

    @Test
    void aVersionComesIntoForceOnItsEffectiveDateAndLeavesAfterItsLastDay() {
        KnowledgeFixture.Team team = new KnowledgeFixture(port).team();
        clock.set(ZonedDateTime.of(2026, 3, 10, 9, 0, 0, 0, SHANGHAI).toInstant());
        String code = team.approvedArticle("dated", "创业担保贷款额度",
                "个人创业担保贷款最高20万元。", List.of("120201"), List.of());
        require(team.author().post("/api/knowledge/articles/" + code + "/versions", draft(1, "创业担保贷款额度",
                "个人创业担保贷款最高30万元，小微企业最高500万元。", List.of("120201"), List.of(), "2026-04-01", "2026-12-31")));
        require(team.approver().post("/api/knowledge/articles/" + code + "/versions/2/approve", "{}"));

        assertThat(require(team.agent().get("/api/knowledge/articles/" + code)).path("version").asInt()).isEqualTo(1);
        assertThat(codes(search(team.agent(), "创业担保贷款 30万元"))).first().isEqualTo(code);
        assertThat(search(team.agent(), "创业担保贷款").json().get(0).path("version").asInt()).isEqualTo(1);

        clock.set(ZonedDateTime.of(2026, 4, 1, 0, 0, 1, 0, SHANGHAI).toInstant());
        assertThat(search(team.agent(), "创业担保贷款").json().get(0).path("version").asInt()).isEqualTo(2);
        assertThat(require(team.agent().get("/api/knowledge/articles/" + code)).path("version").asInt()).isEqualTo(2);

        clock.set(ZonedDateTime.of(2027, 1, 1, 8, 0, 0, 0, SHANGHAI).toInstant());
        assertThat(codes(search(team.agent(), "创业担保贷款"))).doesNotContain(code);
        Http.Response expired = team.agent().get("/api/knowledge/articles/" + code);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.json().path("detail").asString()).isEqualTo("no article " + code + " in force today");
    }

    /** Another instance approved a version (written here straight into the shared database): the next search has it. */
    @Test
    void theIndexFollowsApprovalsMadeByAnotherInstance() {
        clock.set(ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, SHANGHAI).toInstant()); // no new day meanwhile
        KnowledgeFixture.Team team = new KnowledgeFixture(port).team();
        String code = team.approvedArticle("elsewhere", "技工院校招生", "每年春季招生。",
                List.of("120304"), List.of());
        assertThat(codes(search(team.agent(), "技工院校"))).contains(code);

        db.sql("UPDATE kb_article SET latest_version = 2 WHERE code = ?").param(code).update();
        db.sql("INSERT INTO kb_article_version (article_code, version, title, answer, basis, classifications, "
                + "effective_from, status, author, written_at, reviewed_by, reviewed_at) VALUES (?, 2, '技工院校秋季招生', "
                + "'每年秋季统一招生，初中毕业生可报名。', '《技工院校招生规定》', '120304', DATE '2020-01-01', 'APPROVED', "
                + "'other.author', ?, 'other.approver', ?)").params(code, Timestamp.from(clock.instant()),
                Timestamp.from(clock.instant())).update();

        JsonNode best = search(team.agent(), "技工院校 秋季").json().get(0);
        assertThat(best.path("code").asString()).isEqualTo(code);
        assertThat(best.path("version").asInt()).isEqualTo(2);
        assertThat(events.ofType(KnowledgeIndexRebuilt.class)).last().extracting(KnowledgeIndexRebuilt::reason)
                .isEqualTo(KnowledgeIndexRebuilt.Reason.APPROVAL);
    }

    @Test
    void supervisorsSeeWhoOpenedAnArticle() {
        KnowledgeFixture fixture = new KnowledgeFixture(port);
        Http agent = fixture.user("AGENT");
        Http supervisor = fixture.user("SUPERVISOR");
        require(agent.get("/api/knowledge/articles/personnel-files"));

        JsonNode openings = require(supervisor.get("/api/knowledge/openings?article=personnel-files"));
        assertThat(openings.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(openings.get(0).path("title").asString()).isEqualTo("人事档案存放在哪里，怎么转递和查询");
        assertThat(openings.get(0).path("callId").isNull()).isTrue();
        assertThat(agent.get("/api/knowledge/openings?article=personnel-files").status()).isEqualTo(403);
        assertThat(supervisor.get("/api/knowledge/openings").json().path("detail").asString())
                .isEqualTo("give either call (a call id) or article (an article code)");
    }
}
