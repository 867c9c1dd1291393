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
        String code = KnowledgeFixture.approvedArticle(fixture.as(author), fixture.as(approver), "public-posts",
                "公益性岗位补贴申领", "就业困难人员在公益性岗位就业的，按规定给予岗位补贴和社会保险补贴。", List.of("120402"),
                List.of());

        signIn(author);
        openArticle(code);
        assertThat(browser.findElements(By.cssSelector("#versions tr[data-version='1'][data-status='APPROVED']")))
                .hasSize(1);
        writeVersion();
        assertThat(browser.findElement(By.id("ed-title")).getAttribute("value")).isEqualTo("公益性岗位补贴申领");
        browser.findElement(By.id("ed-answer")).sendKeys("\n补贴按月发放至本人社会保障卡，由街道人社所每季度核对在岗情况。");
        browser.findElement(By.id("ed-note")).sendKeys("补充发放方式");
        CHROMIUM.click("#save-version");
        until(d -> CHROMIUM.text("#message").startsWith("已提交第2版"));
        until(HeadlessChromium.first("#drafts li[data-article='" + code + "'][data-version='2']"));
        assertThat(codes(search(agent, "街道人社所 核对在岗"))).doesNotContain(code); // not before it is approved

        // her own draft: the page says why she cannot approve it
        until(HeadlessChromium.first("#versions tr[data-version='2'][data-status='DRAFT']")).click();
        until(d -> browser.findElement(By.id("review")).isDisplayed());
        assertThat(browser.findElement(By.id("four-eyes")).isDisplayed()).isTrue();
        assertThat(CHROMIUM.text("#four-eyes")).contains("另一位班长审核");
        assertThat(browser.findElement(By.id("approve")).isEnabled()).isFalse();

        browser.manage().deleteAllCookies();
        signIn(approver);
        until(HeadlessChromium.first("#drafts li[data-article='" + code + "'][data-version='2'] a")).click();
        until(d -> code.equals(browser.findElement(By.id("review")).getAttribute("data-article")));
        assertThat(browser.findElement(By.id("four-eyes")).isDisplayed()).isFalse();
        assertThat(field("title").getAttribute("data-changed")).isEqualTo("false");
        assertThat(field("answer").getAttribute("data-changed")).isEqualTo("true");
        assertThat(field("answer").findElements(By.cssSelector("td.draft ins"))).extracting(WebElement::getText)
                .containsExactly("补贴按月发放至本人社会保障卡，由街道人社所每季度核对在岗情况。");
        assertThat(field("answer").findElements(By.cssSelector("td.base del"))).isEmpty();
        assertThat(field("note").findElement(By.cssSelector("td.draft")).getText()).isEqualTo("补充发放方式");
        browser.findElement(By.id("review-note")).sendKeys("与经办口径一致");
        CHROMIUM.click("#approve");
        until(d -> CHROMIUM.text("#message").startsWith("已批准第2版"));
        until(HeadlessChromium.first("#versions tr[data-version='2'][data-status='APPROVED']"));
        assertThat(browser.findElements(By.cssSelector("#drafts li[data-article='" + code + "']"))).isEmpty();

        JsonNode found = search(agent, "街道人社所 核对在岗").json().get(0);
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
        openArticle(code);
        writeVersion();
        browser.findElement(By.id("ed-answer")).sendKeys("\n鉴定合格的发放证书。");

        require(fixture.as(theirs).post("/api/knowledge/articles/" + code + "/versions", KnowledgeFixture.draft(1,
                "职业技能鉴定报名", "每月组织一次鉴定。", List.of("120302"), List.of(), "2020-01-01", null)));
        CHROMIUM.click("#save-version");

        until(d -> CHROMIUM.text("#message").equals("article " + code + " has changed since version 1: version 2 is the "
                + "newest (by " + theirs + "); load it and make your change again"));
        JsonNode versions = require(fixture.as(mine).get("/api/knowledge/articles/" + code + "/versions"));
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("author").asString()).isEqualTo(theirs);

        // their draft, returned: a return needs a reason
        browser.navigate().refresh();
        until(HeadlessChromium.first("#drafts li[data-article='" + code + "'][data-version='2'] a")).click();
        until(d -> code.equals(browser.findElement(By.id("review")).getAttribute("data-article")));
        CHROMIUM.click("#reject");
        until(d -> CHROMIUM.text("#message").equals("reason: say what must change before it can be approved"));
        browser.findElement(By.id("review-note")).sendKeys("鉴定频次以年度计划为准");
        CHROMIUM.click("#reject");
        until(d -> CHROMIUM.text("#message").startsWith("已退回第2版"));
        until(HeadlessChromium.first("#versions tr[data-version='2'][data-status='REJECTED']"));
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

    /** Clicks the article in the list of all articles and waits for it to be shown. */
    private void openArticle(String code) {
        until(HeadlessChromium.first("#articles tr[data-article='" + code + "']")).click();
        until(d -> code.equals(browser.findElement(By.id("article")).getAttribute("data-article")));
    }

    private void writeVersion() {
        CHROMIUM.click("#write-version");
        until(d -> browser.findElement(By.id("editor")).isDisplayed());
    }

    private WebElement field(String name) {
        return browser.findElement(By.cssSelector("#review .compare tr[data-field='" + name + "']"));
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return CHROMIUM.until(condition);
    }
}
