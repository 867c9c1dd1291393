package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HeadlessChromium;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.StandInAsterisk;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The floor page's action buttons in Debian's headless Chromium: each asks for a confirmation with a reason, then
 * force release (强拆), forcing an agent's state (示忙 / 示闲), a skill move (调组) and its undoing, and intercept
 * (接管) happen as the stand-ins report them, with every action in the page's list of supervisor actions.
 */
@HotlineTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisorActionsPageTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    final AmiStandIn ami = StandInAsterisk.ami();
    WebDriver browser;

    @BeforeEach
    void browser() {
        browser = CHROMIUM.browser();
    }

    @Test
    void aSupervisorActsFromTheFloorConfirmingEachActionWithAReason() {
        String other = FloorAgents.group(port, "page-other", "页面调入"); // on the page from the start
        Scene first = scene("page-actions", "页面操作", "page.actions", "PJSIP/2006", "13812345001");
        String group = first.group();
        String agent = first.agent();
        String firstChannel = first.agentChannel();
        String firstRow = first.row();
        until(d -> "TALKING".equals(d.findElement(By.cssSelector(firstRow)).getAttribute("data-stage")));
        click(firstRow + " button.release");
        until(d -> dialog().isDisplayed());
        click("#confirm .ok"); // no reason given: the dialog says so and stays
        until(d -> text("#confirm .problem").contains("give a reason"));
        click("#confirm .cancel");
        until(d -> !dialog().isDisplayed());
        assertThat(ami.actions("Hangup")).noneMatch(h -> firstChannel.equals(h.get("Channel")));

        click(firstRow + " button.release");
        confirm("abusive caller");

        until(d -> d.findElements(By.cssSelector(firstRow)).isEmpty());
        until(d -> listed("RELEASE", "DONE", agent));
        assertThat(listedOn("RELEASE", agent)).singleElement().satisfies(item -> assertThat(item.getText())
                .contains("page.actions").contains("abusive caller"));
        assertThat(ami.actions("Hangup")).anyMatch(h -> firstChannel.equals(h.get("Channel")));
        until(d -> text(agentRow(agent) + " .occupancy").matches("\\d+\\.\\d%")
                && text("#groups tr[data-group='" + group + "'] .occupancy").matches("\\d+\\.\\d%"));

        until(d -> "READY".equals(d.findElement(By.cssSelector(agentRow(agent))).getAttribute("data-state")));
        click(agentRow(agent) + " button.force-pause");
        new Select(browser.findElement(By.cssSelector("#confirm select[name=pauseReason]"))).selectByValue("MEETING");
        confirm("team meeting");
        until(d -> "PAUSED".equals(d.findElement(By.cssSelector(agentRow(agent))).getAttribute("data-state"))
                && text(agentRow(agent) + " .state").contains("会议"));

        click(agentRow(agent) + " button.move");
        new Select(browser.findElement(By.cssSelector("#confirm select[name=group]"))).selectByValue(other);
        confirm("peak on the other line");
        until(d -> !d.findElements(By.cssSelector("#skill-moves li[data-agent='" + agent + "']")).isEmpty());
        until(d -> text(agentRow(agent) + " .groups").contains("页面调入") && text(agentRow(agent) + " .groups")
                .contains("moved") && !text(agentRow(agent) + " .groups").contains("页面操作"));
        click("#skill-moves li[data-agent='" + agent + "'] button.undo");
        confirm("peak over");
        until(d -> d.findElements(By.cssSelector("#skill-moves li[data-agent='" + agent + "']")).isEmpty());
        until(d -> text(agentRow(agent) + " .groups").contains("页面操作"));

        click(agentRow(agent) + " button.force-ready");
        confirm("back to the phones");
        RoutedCalls.Caller second = RoutedCalls.in(service).talking(group, "13812345002");
        second.agentChannel(true);
        String secondRow = "#calls tr[data-call-id='" + second.callId + "']";
        until(d -> "TALKING".equals(d.findElement(By.cssSelector(secondRow)).getAttribute("data-stage")));
        int originates = ami.actions("Originate").size();
        click(secondRow + " button.intercept");
        confirm("the caller asked for the lead");
        until(d -> ami.actions("Originate").size() > originates);
        Map<String, String> originate = lastOriginate();
        assertThat(originate).containsEntry("Channel", "PJSIP/2006")
                .containsEntry("Data", second.session.channel() + ",qEB");

        String supervisorChannel = ami.originatedPhoneAnswers(originate.get("ChannelId"));

        until(d -> "page.actions".equals(d.findElement(By.cssSelector(secondRow)).getAttribute("data-agent")));
        until(d -> listed("INTERCEPT", "DONE", agent));
        assertThat(listedOn("FORCE_STATE", agent)).hasSize(2); // the floor lists everyone's: this agent's two
        assertThat(listedOn("SKILL_MOVE", agent)).hasSize(1);
        ami.phoneHangsUp(supervisorChannel);
        until(d -> d.findElements(By.cssSelector(secondRow)).isEmpty());
    }

    @Test
    void aSignOutDuringACallWaitsShownAsPendingAndTheMonitoringPanelTakesTheCallOver() {
        Scene talk = scene("page-pending", "页面待生效", "page.monitor", "PJSIP/2008", "13812345003");
        String agent = talk.agent();
        String row = talk.row();
        until(d -> "ON_CALL".equals(d.findElement(By.cssSelector(agentRow(agent))).getAttribute("data-state")));

        click(agentRow(agent) + " button.force-out");
        until(d -> text("#confirm .question").contains("通话结束后生效"));
        confirm("end of shift");

        until(d -> text(agentRow(agent) + " .state .pending").contains("待生效"));
        assertThat(browser.findElement(By.cssSelector(agentRow(agent))).getAttribute("data-state")).isEqualTo("ON_CALL");
        until(d -> listed("FORCE_STATE", "PENDING", agent));

        click(row + " button.monitor[data-mode='LISTEN']");
        until(d -> d.findElement(By.id("monitor")).isDisplayed());
        String listening = lastOriginate().get("ChannelId");
        click("#monitor .intercept");
        confirm("the caller asked for the lead");

        until(d -> ami.actions("Hangup").stream().anyMatch(h -> listening.equals(h.get("Channel"))));
        Map<String, String> originate = until(d -> {
            Map<String, String> last = lastOriginate();
            return listening.equals(last.get("ChannelId")) ? null : last;
        });
        assertThat(originate).containsEntry("Channel", "PJSIP/2008")
                .containsEntry("Data", talk.caller().session.channel() + ",qEB");
        String supervisorChannel = ami.originatedPhoneAnswers(originate.get("ChannelId"));

        until(d -> "page.monitor".equals(d.findElement(By.cssSelector(row)).getAttribute("data-agent")));
        assertThat(ami.actions("Hangup")).anyMatch(h -> talk.agentChannel().equals(h.get("Channel")));
        // the agent dropped out of the call: the sign-out waiting for that is applied
        until(d -> "LOGGED_OUT".equals(d.findElement(By.cssSelector(agentRow(agent))).getAttribute("data-state"))
                && d.findElements(By.cssSelector(agentRow(agent) + " .state .pending")).isEmpty());
        until(d -> listed("FORCE_STATE", "DONE", agent) && listed("INTERCEPT", "DONE", agent));
        ami.phoneHangsUp(supervisorChannel);
        until(d -> d.findElements(By.cssSelector(row)).isEmpty());
    }

    /** A new group's ready agent talking with a caller, and a supervisor with a phone on the page. */
    private record Scene(String group, String agent, RoutedCalls.Caller caller, String agentChannel, String row) {
    }

    private Scene scene(String slug, String groupName, String supervisor, String phone, String callerNumber) {
        String group = FloorAgents.group(port, slug, groupName);
        String agent = FloorAgents.ready(port, group);
        InterceptTest.phone(Supervisors.create(port, supervisor), phone);
        logIn(supervisor);
        RoutedCalls.Caller caller = RoutedCalls.in(service).talking(group, callerNumber);
        return new Scene(group, agent, caller, caller.agentChannel(true),
                "#calls tr[data-call-id='" + caller.callId + "']");
    }

    /** The page's list of supervisor actions shows one of this kind and outcome on this agent. */
    private boolean listed(String kind, String outcome, String agent) {
        return browser.findElements(By.cssSelector("#actions li[data-kind='" + kind + "'][data-outcome='" + outcome
                + "']")).stream().anyMatch(item -> item.getText().contains("坐席 " + agent));
    }

    /** The page's supervisor actions of this kind on this agent. */
    private List<WebElement> listedOn(String kind, String agent) {
        return browser.findElements(By.cssSelector("#actions li[data-kind='" + kind + "']")).stream()
                .filter(item -> item.getText().contains("坐席 " + agent)).toList();
    }

    private void logIn(String username) {
        browser.get("http://127.0.0.1:" + port + "/supervision");
        if (browser.findElements(By.id("username")).isEmpty()) { // still logged in from the test before
            browser.manage().deleteAllCookies();
            browser.get("http://127.0.0.1:" + port + "/supervision");
        }
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Supervisors.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
    }

    /** Types the reason into the open dialog and confirms. */
    private void confirm(String reason) {
        until(d -> dialog().isDisplayed());
        WebElement field = browser.findElement(By.cssSelector("#confirm input[name=reason]"));
        field.clear();
        field.sendKeys(reason);
        click("#confirm .ok");
        until(d -> !dialog().isDisplayed());
    }

    private WebElement dialog() {
        return browser.findElement(By.id("confirm"));
    }

    /** Clicks once the element is there (rows are redrawn as the floor changes). */
    private void click(String selector) {
        until(d -> {
            d.findElement(By.cssSelector(selector)).click();
            return true;
        });
    }

    private static String agentRow(String agent) {
        return "#agents tr[data-agent='" + agent + "']";
    }

    private String text(String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    private Map<String, String> lastOriginate() {
        List<Map<String, String>> originates = ami.actions("Originate");
        return originates.get(originates.size() - 1);
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return CHROMIUM.until(condition);
    }
}
