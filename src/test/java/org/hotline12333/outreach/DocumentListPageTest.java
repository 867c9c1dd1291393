package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline12333.privacy.Mask;
import org.hotline12333.testkit.HeadlessChromium;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * 一次性告知 from the desk page after the call, in Debian's headless Chromium: the agent finds the article, sees the
 * caller's number masked and not editable, sends the list, watches it reach the phone (the SMSC stand-in's receipt),
 * and finds it with its delivery state in the caller's history when they call again; a landline caller is refused with
 * the reason on the page.
 */
@HotlineTest
class DocumentListPageTest {

    @Autowired
    ApplicationContext service;

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    WebDriver browser;
    OutreachFixture fixture;

    @BeforeEach
    void gatewayAndMorning() {
        browser = CHROMIUM.browser();
        fixture = new OutreachFixture(service);
    }

    @AfterEach
    void realTime() {
        fixture.clock.reset();
        browser.manage().deleteAllCookies();
    }

    @Test
    void theAgentSendsTheListAfterTheCallAndSeesItDeliveredInTheCallersHistory() {
        TestAgent agent = fixture.agent();
        String caller = OutreachFixture.mobile();
        String first = fixture.answeredCall(agent.workNumber(), caller);
        signIn(agent);

        openArticle("失业保险金 申领", "unemployment-benefit");
        WebElement number = browser.findElement(By.id("sms-number"));
        until(d -> !number.getAttribute("value").isEmpty());
        assertThat(number.getAttribute("value")).isEqualTo(Mask.phone(caller));
        assertThat(number.getAttribute("readonly")).as("an agent cannot change it").isNotNull();
        browser.findElement(By.id("sms-send")).click();
        until(d -> text("#message").equals("清单已提交短信发送 list queued for " + Mask.phone(caller)));
        WebElement sent = until(row("#sms-sent li[data-state='DELIVERED']"));
        assertThat(sent.getText()).startsWith("一次性告知 → " + Mask.phone(caller) + " · 已送达");
        assertThat(fixture.smsc.textsTo(caller)).singleElement().asString().contains("“失业保险金的申领条件、期限和标准”");

        String second = fixture.answeredCall(agent.workNumber(), caller);
        browser.get("http://127.0.0.1:" + fixture.port + "/desk/calls/" + second);
        // found afresh at each look: the history may be drawn again while it is read (a stale element otherwise)
        String messages = "#history tr[data-call-id='" + first + "'] td.messages";
        until(d -> "一次性告知 已送达".equals(d.findElement(By.cssSelector(messages)).getAttribute("textContent")));
    }

    @Test
    void aLandlineCallerIsRefusedWithTheReasonOnThePage() {
        TestAgent agent = fixture.agent();
        fixture.answeredCall(agent.workNumber(), "01066668888");
        signIn(agent);

        openArticle("失业保险金 申领", "unemployment-benefit");
        until(d -> !browser.findElement(By.id("sms-number")).getAttribute("value").isEmpty());
        browser.findElement(By.id("sms-send")).click();

        until(d -> text("#message").startsWith("number: '" + Mask.phone("01066668888") + "' is not a mobile number"));
        assertThat(browser.findElements(By.cssSelector("#sms-sent li"))).isEmpty();
    }

    private void openArticle(String query, String code) {
        browser.findElement(By.id("kb-q")).sendKeys(query);
        browser.findElement(By.cssSelector("#kb-form button[type=submit]")).click();
        until(row("#kb-results li[data-article='" + code + "'] a.title")).click();
        until(d -> code.equals(d.findElement(By.id("article")).getAttribute("data-article")));
    }

    private void signIn(TestAgent who) {
        browser.get("http://127.0.0.1:" + fixture.port + "/desk");
        browser.findElement(By.id("username")).sendKeys(who.username());
        browser.findElement(By.id("password")).sendKeys(who.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
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
