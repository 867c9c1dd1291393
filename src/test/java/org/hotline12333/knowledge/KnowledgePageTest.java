package org.hotline12333.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline12333.knowledge.KnowledgeFixture.codes;
import static org.hotline12333.knowledge.KnowledgeFixture.require;
import static org.hotline12333.knowledge.KnowledgeFixture.search;

import java.util.List;
import org.hotline12333.testkit.HeadlessChromium;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The supervisors' knowledge page in Debian's headless Chromium, as two supervisors use it: one rewrites an agreed
 * answer, cannot approve it herself (the page says why), the other sees what changed beside the version in force and
 * approves it, and agents find the new text at once; an edit of a version someone changed meanwhile is refused
 * saying who changed it, and nothing is written; a return without a reason is refused.
 */
@HotlineTest
class KnowledgePageTest {

    @LocalServerPort
    int port;

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    WebDriver browser;
    KnowledgeFixture fixture;

    @BeforeEach
    void browser() {
        browser = CHROMIUM.browser();
        fixture = new KnowledgeFixture(port);
    }

    @AfterEach
    void signedOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void oneSupervisorRewritesAnAnswerAndAnotherApprovesItWithTheChangeInFrontOfThem() {
        String author = fixture.username("SUPERVISOR");
        String approver = fixture.username("SUPERVISOR");
        Http agent = fixture.user("AGENT");
        String code = KnowledgeFixture.approvedArticle(fixture.as(author), fixture.as(approver), "startup",
                "创业担保贷款申请条件", "符合条件的创业者可申请创业担保贷款，个人最高30万元。", List.of("120201"), List.of());

        signIn(author);
        until(row("#articles tr[data-article='" + code + "']")).click();
        until(d -> code.equals(browser.findElement(By.id("article")).getAttribute("data-article")));
        assertThat(browser.findElements(By.cssSelector("#versions tr[data-version='1'][data-status='APPROVED']")))
                .hasSize(1);
        click("#write-version");
        until(d -> browser.findElement(By.id("editor")).isDisplayed());
        assertThat(browser.findElement(By.id("ed-title")).getAttribute("value")).isEqualTo("创业担保贷款申请条件");
        browser.findElement(By.id("ed-answer")).sendKeys("\n小微企业最高可申请500万元，贷款期限不超过3年。");
        browser.findElement(By.id("ed-note")).sendKeys("补充小微企业额度");
        click("#save-version");
        until(d -> text("#message").startsWith("已提交第2版"));
        until(row("#drafts li[data-article='" + code + "'][data-version='2']"));
        assertThat(codes(search(agent, "小微企业"))).doesNotContain(code); // not before it is approved

        // her own draft: the page says why she cannot approve it
        until(row("#versions tr[data-version='2'][data-status='DRAFT']")).click();
        until(d -> browser.findElement(By.id("review")).isDisplayed());
        assertThat(browser.findElement(By.id("four-eyes")).isDisplayed()).isTrue();
        assertThat(text("#four-eyes")).contains("另一位班长审核");
        assertThat(browser.findElement(By.id("approve")).isEnabled()).isFalse();

        browser.manage().deleteAllCookies();
        signIn(approver);
        until(row("#drafts li[data-article='" + code + "'][data-version='2'] a")).click();
        until(d -> code.equals(browser.findElement(By.id("review")).getAttribute("data-article")));
        assertThat(browser.findElement(By.id("four-eyes")).isDisplayed()).isFalse();
        assertThat(field("title").getAttribute("data-changed")).isEqualTo("false");
        assertThat(field("answer").getAttribute("data-changed")).isEqualTo("true");
        assertThat(field("answer").findElements(By.cssSelector("td.draft ins"))).extracting(WebElement::getText)
                .containsExactly("小微企业最高可申请500万元，贷款期限不超过3年。");
        assertThat(field("answer").findElements(By.cssSelector("td.base del"))).isEmpty();
        assertThat(field("note").findElement(By.cssSelector("td.draft")).getText()).isEqualTo("补充小微企业额度");
        browser.findElement(By.id("review-note")).sendKeys("与经办口径一致");
        click("#approve");
        until(d -> text("#message").startsWith("已批准第2版"));
        until(row("#versions tr[data-version='2'][data-status='APPROVED']"));
        assertThat(browser.findElements(By.cssSelector("#drafts li[data-article='" + code + "']"))).isEmpty();

        JsonNode found = search(agent, "小微企业").json().get(0);
        assertThat(found.path("code").asString()).isEqualTo(code);
        assertThat(found.path("version").asInt()).isEqualTo(2);
        assertThat(require(agent.get("/api/knowledge/articles/" + code)).path("approvedBy").asString())
                .isEqualTo(approver);
    }

    @Test
    void anEditOfAVersionSomeoneChangedMeanwhileIsRefusedSayingWhoAndNothingIsWritten() {
        String mine = fixture.username("SUPERVISOR");
        String theirs = fixture.username("SUPERVISOR");
        String code = KnowledgeFixture.approvedArticle(fixture.as(theirs), fixture.as(mine), "skills-test",
                "职业技能鉴定报名", "每季度组织一次鉴定。", List.of("120302"), List.of());

        signIn(mine);
        until(row("#articles tr[data-article='" + code + "']")).click();
        until(d -> code.equals(browser.findElement(By.id("article")).getAttribute("data-article")));
        click("#write-version");
        until(d -> browser.findElement(By.id("editor")).isDisplayed());
        browser.findElement(By.id("ed-answer")).sendKeys("\n鉴定合格的发放证书。");

        require(fixture.as(theirs).post("/api/knowledge/articles/" + code + "/versions", KnowledgeFixture.draft(1,
                "职业技能鉴定报名", "每月组织一次鉴定。", List.of("120302"), List.of(), "2020-01-01", null)));
        click("#save-version");

        until(d -> text("#message").equals("article " + code + " has changed since version 1: version 2 is the "
                + "newest (by " + theirs + "); load it and make your change again"));
        JsonNode versions = require(fixture.as(mine).get("/api/knowledge/articles/" + code + "/versions"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("author").asString()).isEqualTo(theirs);

        // their draft, returned: a return needs a reason
        browser.navigate().refresh();
        until(row("#drafts li[data-article='" + code + "'][data-version='2'] a")).click();
        until(d -> code.equals(browser.findElement(By.id("review")).getAttribute("data-article")));
        click("#reject");
        until(d -> text("#message").equals("reason: say what must change before it can be approved"));
        browser.findElement(By.id("review-note")).sendKeys("鉴定频次以年度计划为准");
        click("#reject");
        until(d -> text("#message").startsWith("已退回第2版"));
        until(row("#versions tr[data-version='2'][data-status='REJECTED']"));
    }

    @Test
    void agentsAreNotLetIn() {
        String agent = fixture.username("AGENT");
        signIn(agent);
        until(d -> d.getPageSource().contains("403") || d.getPageSource().contains("Forbidden"));
        assertThat(browser.findElements(By.id("drafts"))).isEmpty();
        assertThat(fixture.as(agent).get("/api/knowledge/catalogue").status()).isEqualTo(403);
        assertThat(fixture.as(agent).get("/api/knowledge/drafts").status()).isEqualTo(403);
    }

    private void signIn(String username) {
        browser.get("http://127.0.0.1:" + port + "/knowledge");
        until(d -> d.getCurrentUrl().endsWith("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(KnowledgeFixture.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> !d.getCurrentUrl().endsWith("/login"));
    }

    private WebElement field(String name) {
        return browser.findElement(By.cssSelector("#review .compare tr[data-field='" + name + "']"));
    }

    private void click(String selector) {
        browser.findElement(By.cssSelector(selector)).click();
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private static ExpectedCondition<WebElement> row(String selector) {
        return d -> d.findElements(By.cssSelector(selector)).stream().findFirst().orElse(null);
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return CHROMIUM.until(condition);
    }
}
