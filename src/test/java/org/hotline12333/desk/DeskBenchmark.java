package org.hotline12333.desk;

import static org.awaitility.Awaitility.await;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.EventStream;
import org.hotline12333.testkit.HeadlessChromium;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.MachineReadings;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * How soon the screen-pop is in front of the agent after the phone starts ringing (the AGI stand-in receives Dial):
 * on the desk's event stream (read as a browser's EventSource reads it) and on the desk page itself in headless
 * Chromium (the moment the page's call panel shows the call offered). Calls go through the whole 12333 menu, one
 * after another, the agent answering, hanging up and wrapping up each. Routing offers the call (RESERVED) just before
 * it dials, so a screen-pop may come before the ring: such a delay is negative.
 */
@Tag("benchmark")
@HotlineTest
@DirtiesContext
class DeskBenchmark {

    private static final int CALLS = 20;
    /** Records, in the page, when each call was first shown offered: performance.timeOrigin + now(), epoch ms. */
    private static final String WATCH = "window.shownAt = {}; const panel = document.getElementById('call');"
            + "new MutationObserver(() => { if (panel.dataset.stage === 'OFFERED' && !(panel.dataset.callId in "
            + "window.shownAt)) { window.shownAt[panel.dataset.callId] = performance.timeOrigin + performance.now(); }"
            + "}).observe(panel, {attributes: true});";

    @Autowired
    ApplicationContext service;

    @RegisterExtension
    static final HeadlessChromium CHROMIUM = new HeadlessChromium();

    @Test
    void screenPopAfterTheOffer() {
        DeskFixture fixture = new DeskFixture(service);
        // within opening hours, at the real pace
        fixture.clock.runFrom(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
        TestAgent agent = TestAgent.ready(fixture.port, "pension");
        WebDriver browser = CHROMIUM.browser();
        signIn(browser, fixture.port, agent);
        ((JavascriptExecutor) browser).executeScript(WATCH);

        double[] stream = new double[CALLS];
        double[] page = new double[CALLS];
        double load = MachineReadings.loadAverage();
        try (EventStream desk = EventStream.open(fixture.port, "/api/desk/stream", agent.username(),
                agent.password())) {
            desk.await("snapshot", s -> true);
            for (int i = 0; i < CALLS; i++) {
                DeskFixture.Caller call = fixture.call(DeskFixture.callerNumber(), "1", "1", "2", "0");
                call.session.awaitRinging();
                EventStream.Event offer = desk.await("offer", pop -> call.callId.equals(pop.path("callId").asString()));
                stream[i] = (offer.receivedNanos() - call.session.ringingNanos()) / 1e6;
                Number shown = CHROMIUM.until(d -> (Number) ((JavascriptExecutor) d).executeScript(
                        "return window.shownAt[arguments[0]];", call.callId));
                page[i] = shown.doubleValue() - call.session.ringingMillis();
                call.answeredBy(agent);
                call.hangUp();
                desk.await("wrap-up", w -> call.callId.equals(w.path("callId").asString()));
                DeskFixture.require(agent.http(fixture.port).post("/api/desk/wrap-up", "{\"callId\":\"" + call.callId
                        + "\",\"classification\":\"110104\"}"));
                await().until(() -> "READY".equals(agent.http(fixture.port).get("/api/desk").json().path("state")
                        .asString()));
            }
        }
        load = Math.max(load, MachineReadings.loadAverage());
        fixture.clock.reset();
        Map<String, Number> figures = new TreeMap<>();
        figures.putAll(percentiles("desk.screen_pop.stream", stream));
        figures.putAll(percentiles("desk.screen_pop.page", page));
        figures.put("desk.screen_pop.load_average", load);
        System.out.println("desk benchmark (" + CALLS + " calls, ms after the phone started ringing): " + figures
                + "\n  stream, call by call: " + Arrays.toString(stream) + "\n  page, call by call: " + Arrays.toString(page));
        BenchResults.record(figures);
    }

    private static Map<String, Number> percentiles(String name, double[] delays) {
        double[] sorted = delays.clone();
        Arrays.sort(sorted);
        return Map.of(name + ".p50_ms", round(sorted[sorted.length / 2]),
                name + ".p95_ms", round(sorted[(int) Math.ceil(sorted.length * 0.95) - 1]),
                name + ".max_ms", round(sorted[sorted.length - 1]));
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }

    private static void signIn(WebDriver browser, int port, TestAgent agent) {
        browser.get("http://127.0.0.1:" + port + "/desk");
        browser.findElement(By.id("username")).sendKeys(agent.username());
        browser.findElement(By.id("password")).sendKeys(agent.password());
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        CHROMIUM.until(d -> "live".equals(d.findElement(By.id("status")).getAttribute("data-state")));
    }
}
