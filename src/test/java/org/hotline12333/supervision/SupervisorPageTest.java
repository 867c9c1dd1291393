package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.testkit.HeadlessChromium;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The floor page in Debian's headless Chromium, as a supervisor uses it: logs in through the login form, watches an
 * agent change state, a caller appear in the queue, ring, reach the agent and leave, an alert arrive, and starts
 * listening with one click on a forbidden phrase caught while the call is on. Chromium is driven by its own chromedriver; Selenium Manager is never asked for anything.
 */
@HotlineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorPageTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    FloorAlerts alerts;
    @Autowired
    Alerts liveAlerts;
    @Autowired
    Floor floor;

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    WebDriver browser;

    @BeforeEach
    void browser() {
        browser = CHROMIUM.browser();
    }

    @Test
    void aSupervisorWatchesTheFloorMoveWithoutReloading() {
        String group = FloorAgents.group(port, "page", "页面测试");
        String agent = FloorAgents.agent(port, group);
        Http desk = FloorAgents.desk(port, agent);
        Supervisors.create(port, "page.lead");

        browser.get("http://127.0.0.1:" + port + "/supervision");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("page.lead");
        browser.findElement(By.id("password")).sendKeys(Supervisors.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> d.getCurrentUrl().contains("/supervision")); // Spring Security adds "?continue"
        until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
        String offeredBefore = CHROMIUM.text("#fig-offered .value");
        until(d -> CHROMIUM.text("#fig-cases-overdue .value").matches("\\d+")); // cases past a deadline, counted
        until(d -> CHROMIUM.text("#fig-return-visits .note").contains("待回访 due")); // today's return visits

        FloorAgents.require(desk.post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        until(HeadlessChromium.first("#agents tr[data-agent='" + agent + "']"));
        until(d -> "READY".equals(agentRow(agent).getAttribute("data-state")));
        FloorAgents.require(desk.post("/api/desk/state", "{\"action\":\"PAUSE\",\"reason\":\"MEAL\"}"));
        until(d -> "PAUSED".equals(agentRow(agent).getAttribute("data-state")));
        until(d -> agentRow(agent).getText().contains("用餐"));

        FloorCalls.Caller caller = FloorCalls.in(service).call(group, "13812340003");
        String callRow = "#calls tr[data-call-id='" + caller.callId + "']";
        until(d -> "QUEUED".equals(callRow(callRow).getAttribute("data-stage")));
        until(d -> CHROMIUM.text(callRow + " .caller").equals("138****0003"));
        until(d -> CHROMIUM.text(callRow + " .where").contains("页面测试") && CHROMIUM.text(callRow + " .where").contains("第1位"));
        until(d -> CHROMIUM.text("#groups tr[data-group='" + group + "'] .waiting").equals("1"));

        alerts.check(floor.now().plus(Duration.ofMinutes(2))); // as if the caller had waited two minutes
        until(d -> !d.findElements(By.cssSelector("#alerts li[data-kind='LONG_WAIT']")).stream()
                .filter(li -> li.getText().contains(caller.callId)).toList().isEmpty());

        FloorAgents.require(desk.post("/api/desk/state", "{\"action\":\"READY\"}"));
        until(d -> "RINGING".equals(callRow(callRow).getAttribute("data-stage")));
        caller.agentAnswers(FloorAgents.endpoint(agent) + "-0000003c");
        until(d -> "TALKING".equals(callRow(callRow).getAttribute("data-stage"))
                && agent.equals(callRow(callRow).getAttribute("data-agent")));
        until(d -> "ON_CALL".equals(agentRow(agent).getAttribute("data-state")));
        until(d -> !CHROMIUM.text("#fig-offered .value").equals(offeredBefore));

        WebElement phone = browser.findElement(By.id("phone"));
        phone.clear();
        phone.sendKeys("PJSIP/2009");
        browser.findElement(By.id("save-phone")).click();
        until(d -> "PJSIP/2009".equals(Http.on(port).as("page.lead", Supervisors.PASSWORD)
                .get("/api/supervision/phone").json().path("endpoint").asString(null)));
        assertThat(callRow(callRow).findElements(By.cssSelector("button.monitor[data-mode='LISTEN']"))).hasSize(1);
        liveAlerts.raise(AlertKind.FORBIDDEN_PHRASE_LIVE, caller.callId, "Agent " + agent + " said 「不知道」 on call "
                + caller.callId, caller.callId, agent); // as speech raises it while the call is on
        String alertRow = "#alerts li[data-kind='FORBIDDEN_PHRASE_LIVE'][data-call-id='" + caller.callId + "']";
        until(d -> {
            callRow(alertRow).findElement(By.cssSelector("button.listen")).click(); // one click from the alert
            return true;
        });
        until(d -> d.findElement(By.id("monitor")).isDisplayed());
        List<Map<String, String>> originates = StandInAsterisk.ami().actions("Originate");
        assertThat(originates.get(originates.size() - 1)).containsEntry("Channel", "PJSIP/2009")
                .containsEntry("Data", FloorAgents.endpoint(agent) + "-0000003c,qEd");

        caller.hangUpAgent();
        until(d -> d.findElements(By.cssSelector(callRow)).isEmpty());
        until(d -> !d.findElement(By.id("monitor")).isDisplayed());
        assertThat(browser.getCurrentUrl()).contains("/supervision");

        browser.findElement(By.cssSelector("form.logout button")).click(); // 退出: signed out, and asked again
        until(d -> d.getCurrentUrl().contains("/login"));
        browser.get("http://127.0.0.1:" + port + "/supervision");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    @Test
    void agentsAreNotShownThePage() {
        String agent = FloorAgents.agent(port);
        WebDriver other = browser;
        other.manage().deleteAllCookies();
        other.get("http://127.0.0.1:" + port + "/supervision");
        other.findElement(By.id("username")).sendKeys("floor-agent-" + agent);
        other.findElement(By.id("password")).sendKeys(FloorAgents.PASSWORD);
        other.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> d.getPageSource().contains("403") || d.getPageSource().contains("Forbidden"));
        assertThat(other.findElements(By.id("calls"))).isEmpty();
        other.manage().deleteAllCookies();
    }

    private WebElement agentRow(String agent) {
        return browser.findElement(By.cssSelector("#agents tr[data-agent='" + agent + "']"));
    }

    private WebElement callRow(String selector) {
        return browser.findElement(By.cssSelector(selector));
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return CHROMIUM.until(condition);
    }
}
