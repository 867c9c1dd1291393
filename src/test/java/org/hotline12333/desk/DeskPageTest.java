package org.hotline12333.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.testkit.HeadlessChromium;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.SmscStandIn;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
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
 * The desk page in Debian's headless Chromium, as an agent at a softphone uses it: signs in, goes ready, sees the
 * screen-pop of a caller offered through the AGI stand-in before answering, finds the agreed answer, consults a
 * colleague and brings a department in (the stand-in sees the AMI actions), wraps up with a classification and a
 * case; and is refused another agent's call with the reason.
 */
@HotlineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskPageTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    CallRecords records;

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    WebDriver browser;
    DeskFixture fixture;
    TestAgent agent;
    TestAgent colleague;

    @BeforeEach
    void mondayMorning() {
        browser = CHROMIUM.browser();
        fixture = new DeskFixture(service);
        fixture.clock.set(ZonedDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
    }

    @AfterEach
    void realTimeAndAgentsLoggedOut() {
        fixture.clock.reset();
        for (TestAgent a : new TestAgent[] {agent, colleague}) {
            if (a != null) {
                a.http(fixture.port).post("/api/desk/state", "{\"action\":\"LOGOUT\"}");
            }
        }
        browser.manage().deleteAllCookies();
    }

    @Test
    void anAgentTakesACallFromScreenPopToWrapUp() {
        agent = TestAgent.create(fixture.port, "pension");
        colleague = TestAgent.create(fixture.port, "maternity");
        String caller = DeskFixture.callerNumber();
        signIn(agent);

        CHROMIUM.click("#state-actions button[data-action='LOGIN']");
        until(d -> "READY".equals(state()));
        new Select(browser.findElement(By.id("pause-reason"))).selectByValue("MEAL");
        CHROMIUM.click("#state-actions button[data-action='PAUSE']");
        until(d -> "PAUSED".equals(state()) && CHROMIUM.text("#state").contains("用餐"));
        assertThat(CHROMIUM.text("#agent .phone")).startsWith(agent.endpoint());
        CHROMIUM.click("#state-actions button[data-action='READY']");
        until(d -> "READY".equals(state()));

        // offered: the screen-pop is on the page before the agent answers
        DeskFixture.Caller call = fixture.call(caller, "1", "1", "2", "0");
        until(d -> "OFFERED".equals(browser.findElement(By.id("call")).getAttribute("data-stage")));
        assertThat(browser.findElement(By.id("call")).getAttribute("data-call-id")).isEqualTo(call.callId);
        assertThat(CHROMIUM.text("#call .caller")).isEqualTo(caller.substring(0, 3) + "****" + caller.substring(7));
        assertThat(CHROMIUM.text("#call .path-words")).isEqualTo("社会保险 › 养老保险 › 退休待遇 › 人工");
        until(HeadlessChromium.first("#kb-suggestions li[data-article='pension-calculation']"));

        // a colleague on a break, for the transfer below
        DeskFixture.require(colleague.http(fixture.port).post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        DeskFixture.require(colleague.http(fixture.port).post("/api/desk/state",
                "{\"action\":\"PAUSE\",\"reason\":\"BREAK\"}"));

        call.answeredBy(agent);
        until(d -> "ANSWERED".equals(browser.findElement(By.id("call")).getAttribute("data-stage")));
        until(d -> browser.findElement(By.id("on-call")).isDisplayed());

        // the agreed answer
        browser.findElement(By.id("kb-q")).sendKeys("退休 养老金 计发");
        CHROMIUM.click("#kb-form button[type=submit]");
        WebElement best = until(HeadlessChromium.first("#kb-results li[data-article]"));
        assertThat(best.getAttribute("data-article")).isEqualTo("pension-calculation");
        assertThat(best.findElements(By.cssSelector(".title mark"))).extracting(WebElement::getText)
                .contains("退休", "计发");
        best.findElement(By.cssSelector("a.title")).click();
        until(d -> "pension-calculation".equals(browser.findElement(By.id("article")).getAttribute("data-article")));
        assertThat(browser.findElements(By.cssSelector("#article .documents li"))).extracting(WebElement::getText)
                .contains("社会保障卡（已启用金融功能）");

        // 一次性告知: the list by text message to the caller of this call, whose number an agent cannot change
        WebElement smsNumber = browser.findElement(By.id("sms-number"));
        until(d -> !smsNumber.getAttribute("value").isEmpty());
        assertThat(smsNumber.getAttribute("value")).isEqualTo(caller.substring(0, 3) + "****" + caller.substring(7));
        assertThat(smsNumber.getAttribute("readonly")).isNotNull();
        CHROMIUM.click("#sms-send");
        until(d -> CHROMIUM.text("#message").startsWith("清单已提交短信发送"));
        until(HeadlessChromium.first("#sms-sent li[data-state='DELIVERED']"));
        assertThat(SmscStandIn.shared().textsTo(caller)).singleElement().asString()
                .startsWith("【12333】您咨询的“退休后基本养老金如何计发”需携带以下材料：");

        // consulting a colleague who is not ready: the page says why not; once ready, Asterisk is asked to consult
        until(HeadlessChromium.first("#transfer-target option[value='agent:" + colleague.workNumber() + "']"));
        new Select(browser.findElement(By.id("transfer-target"))).selectByValue("agent:" + colleague.workNumber());
        CHROMIUM.click("#consult");
        until(d -> CHROMIUM.text("#message").contains("nobody is ready for that transfer now: agent " + colleague.workNumber()));
        DeskFixture.require(colleague.http(fixture.port).post("/api/desk/state", "{\"action\":\"READY\"}"));
        int atxfers = StandInAsterisk.ami().actions("Atxfer").size();
        CHROMIUM.click("#consult");
        until(d -> StandInAsterisk.ami().actions("Atxfer").size() > atxfers);
        Map<String, String> atxfer = last(StandInAsterisk.ami().actions("Atxfer"));
        assertThat(atxfer).containsEntry("Channel", call.agentChannel()).containsEntry("Context", "hotline-internal");
        until(d -> browser.findElement(By.id("cancel-transfer")).isDisplayed());
        CHROMIUM.click("#cancel-transfer");
        until(d -> CHROMIUM.text("#message").contains("已取消转接"));
        until(d -> "READY".equals(colleague.http(fixture.port).get("/api/desk").json().path("state").asString()));

        // three-way call with a department: its number from the list of departments
        int originates = StandInAsterisk.ami().actions("Originate").size();
        until(HeadlessChromium.first("#three-way-department option[value='02083330101']"));
        new Select(browser.findElement(By.id("three-way-department"))).selectByValue("02083330101");
        assertThat(browser.findElement(By.id("three-way-number")).getAttribute("value")).isEqualTo("02083330101");
        CHROMIUM.click("#three-way");
        until(d -> StandInAsterisk.ami().actions("Originate").size() > originates);
        assertThat(last(StandInAsterisk.ami().actions("Originate")))
                .containsEntry("Channel", "Local/02083330101@hotline-outbound").containsEntry("Application", "ChanSpy");

        // the call ends: the screen-pop gives way to the wrap-up
        call.hangUp();
        until(d -> !browser.findElement(By.id("call")).isDisplayed());
        until(d -> call.callId.equals(browser.findElement(By.id("wrap-up")).getAttribute("data-call-id")));
        String left = CHROMIUM.text("#wrap-up .left"); // the pension group's 30 s, counting down on the service's clock
        assertThat(left).matches("剩余 \\d+ 秒 left");
        assertThat(Integer.parseInt(left.replaceAll("\\D", ""))).isBetween(0, 30);
        browser.findElement(By.id("class-q")).sendKeys("退休审批");
        until(HeadlessChromium.first("#class-results li[data-code='110104']")).click();
        until(d -> "110104".equals(browser.findElement(By.id("class-chosen")).getAttribute("data-code")));
        browser.findElement(By.id("wrap-note")).sendKeys("已告知计发办法，来电人要求书面答复");
        browser.findElement(By.cssSelector("input[name=outcome][value=case]")).click();
        until(d -> browser.findElement(By.id("case-form")).isDisplayed());
        assertThat(browser.findElement(By.id("case-summary")).getAttribute("value"))
                .isEqualTo("社会保险 › 养老保险 › 退休待遇");
        new Select(browser.findElement(By.id("case-department"))).selectByValue("pension-office");
        CHROMIUM.click("#save-wrap-up");
        until(d -> CHROMIUM.text("#message").startsWith("工单已登记 case 12333-"));
        until(d -> !browser.findElement(By.id("wrap-up")).isDisplayed());

        assertThat(records.find(call.callId).orElseThrow().routing().disposition()).isEqualTo("110104");
        assertThat(records.find(call.callId).orElseThrow().routing().note()).isEqualTo("已告知计发办法，来电人要求书面答复");
        JsonNode cases = agent.http(fixture.port).get("/api/cases/mine").json();
        assertThat(cases.valueStream().anyMatch(c -> c.path("classification").path("code").asString().equals("110104")
                && c.path("state").asString().equals("HANDED_OFF"))).as(cases.toString()).isTrue();
    }

    @Test
    void anotherAgentsCallIsRefusedWithTheReason() {
        agent = TestAgent.create(fixture.port, "general");
        colleague = TestAgent.create(fixture.port, "general");
        String theirs = fixture.earlierCall(colleague.workNumber(), DeskFixture.callerNumber(), Satisfaction.SATISFIED);
        signIn(agent);

        browser.get("http://127.0.0.1:" + fixture.port + "/desk/calls/" + theirs);
        until(d -> !d.findElements(By.id("reason")).isEmpty());
        assertThat(CHROMIUM.text("h1")).contains("不能打开这通电话");
        assertThat(CHROMIUM.text("#reason")).isEqualTo("call " + theirs + " is not yours: agent " + colleague.workNumber()
                + " answered it; an agent opens only the calls they took (you are agent " + agent.workNumber() + ")");
        assertThat(browser.findElements(By.id("call"))).isEmpty();
    }

    private void signIn(TestAgent who) {
        browser.get("http://127.0.0.1:" + fixture.port + "/desk");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys(who.username());
        browser.findElement(By.id("password")).sendKeys(who.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> d.getCurrentUrl().contains("/desk"));
        until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
    }

    private static Map<String, String> last(List<Map<String, String>> actions) {
        return actions.get(actions.size() - 1);
    }

    private String state() {
        return browser.findElement(By.id("state")).getAttribute("data-state");
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return CHROMIUM.until(condition);
    }
}
