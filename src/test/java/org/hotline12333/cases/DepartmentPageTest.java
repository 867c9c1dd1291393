package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline12333.testkit.HeadlessChromium;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The department's page in Debian's headless Chromium, as a department's clerk uses it: logs in, finds the cases
 * handed to them with their deadlines, signs one for and replies in writing, returns another with a reason, is told
 * what is wrong with an empty reply, and never sees a confidential case's caller.
 */
@HotlineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DepartmentPageTest {

    @Autowired
    ApplicationContext service;

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    WebDriver browser;

    @BeforeEach
    void browser() {
        browser = CHROMIUM.browser();
    }

    @Test
    void aClerkSignsForRepliesAndReturnsCasesOnThePage() {
        CaseFixture fixture = new CaseFixture(service);
        TestAgent agent = fixture.agent();
        String clerk = CaseFixture.unique("page.clerk.");
        String department = fixture.department("城东区人力资源和社会保障局", clerk);
        String caller = CaseFixture.callerNumber();
        fixture.answeredCall(agent.workNumber(), caller);
        String toReply = register(fixture, agent, "{\"kind\":\"HELP\",\"classification\":\"120105\","
                + "\"summary\":\"高校毕业生就业见习补贴\",\"handOffTo\":\"" + department + "\"}");
        String toReturn = register(fixture, agent, "{\"kind\":\"HELP\",\"classification\":\"140401\","
                + "\"summary\":\"档案转递\",\"handOffTo\":\"" + department + "\"}");
        String secret = register(fixture, agent, "{\"kind\":\"REPORT\",\"classification\":\"130502\",\"confidential\":"
                + "true,\"callerName\":\"赵海\",\"summary\":\"赵海举报某厂未签劳动合同\",\"handOffTo\":\"" + department + "\"}");

        browser.get("http://127.0.0.1:" + fixture.port + "/department");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys(clerk);
        browser.findElement(By.id("password")).sendKeys(CaseFixture.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> text("#department").equals("城东区人力资源和社会保障局"));
        until(row(toReply));
        assertThat(row(toReturn).apply(browser)).isNotNull();
        assertThat(row(toReply).apply(browser).findElement(By.cssSelector(".due")).getText()).matches("\\d{4}-.*");

        // sign for, then reply in writing
        row(toReply).apply(browser).click();
        until(d -> toReply.equals(casePanel().getAttribute("data-number")));
        click("#sign-for");
        until(d -> "SIGNED_FOR".equals(casePanel().getAttribute("data-state")));
        click("#reply");
        until(d -> text("#message").contains("text: must not be blank"));
        assertThat(casePanel().getAttribute("data-state")).isEqualTo("SIGNED_FOR");
        browser.findElement(By.id("reply-text")).sendKeys("已为来电人办理见习补贴申领，预计本月发放");
        new Select(browser.findElement(By.id("reply-result"))).selectByValue("RESOLVED");
        click("#reply");
        until(d -> "REPLIED".equals(casePanel().getAttribute("data-state")));
        until(d -> d.findElements(By.cssSelector("#inbox tr[data-case='" + toReply + "']")).isEmpty());

        // return with a reason
        row(toReturn).apply(browser).click();
        until(d -> toReturn.equals(casePanel().getAttribute("data-number")));
        browser.findElement(By.id("return-reason")).sendKeys("档案在市人才中心，请转市人才中心");
        click("#return");
        until(d -> "RETURNED".equals(casePanel().getAttribute("data-state")));
        until(d -> d.findElements(By.cssSelector("#inbox tr[data-case='" + toReturn + "']")).isEmpty());

        // the confidential case shows no caller
        row(secret).apply(browser).click();
        until(d -> secret.equals(casePanel().getAttribute("data-number")));
        assertThat(text("#case .caller")).contains("保密");
        assertThat(browser.getPageSource()).doesNotContain("赵海").doesNotContain(caller);

        Http staff = fixture.as(agent);
        JsonNode replied = staff.get("/api/cases/" + toReply).json();
        assertThat(replied.path("state").asString()).isEqualTo("REPLIED");
        assertThat(replied.path("reply").asString()).isEqualTo("已为来电人办理见习补贴申领，预计本月发放");
        assertThat(replied.path("result").asString()).isEqualTo("RESOLVED");
        JsonNode returned = staff.get("/api/cases/" + toReturn).json();
        assertThat(returned.path("state").asString()).isEqualTo("RETURNED");
        assertThat(CaseLifecycleTest.actions(returned)).containsExactly("REGISTERED", "HANDED_OFF", "RETURNED");
        assertThat(returned.path("history").get(2).path("text").asString()).isEqualTo("档案在市人才中心，请转市人才中心");
        assertThat(returned.path("history").get(2).path("actor").asString()).isEqualTo(clerk);

        browser.get("http://127.0.0.1:" + fixture.port + "/supervision");
        until(d -> d.getPageSource().contains("403") || d.getPageSource().contains("Forbidden"));
        assertThat(browser.findElements(By.id("calls"))).isEmpty();
        browser.manage().deleteAllCookies();
    }

    private static String register(CaseFixture fixture, TestAgent agent, String json) {
        return fixture.register(fixture.as(agent), json).path("number").asString();
    }

    private WebElement casePanel() {
        return browser.findElement(By.id("case"));
    }

    private void click(String selector) {
        browser.findElement(By.cssSelector(selector)).click();
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private static ExpectedCondition<WebElement> row(String number) {
        return d -> d.findElements(By.cssSelector("#inbox tr[data-case='" + number + "']")).stream().findFirst()
                .orElse(null);
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return CHROMIUM.until(condition);
    }
}
