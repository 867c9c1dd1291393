package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.OwnFilesTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A service whose scripts directory is a copy the test edits while calls are in the IVR ({@link OwnFilesTest}). */
@OwnFilesTest
class ScriptReloadTest {

    static final Path SCRIPTS = OwnFilesTest.SCRIPTS;

    @Value("${local.agi.port}")
    int agiPort;

    @LocalServerPort
    int httpPort;

    @Autowired
    ScriptLibrary library;

    @Autowired
    TestClock clock;

    @Autowired
    RecordedEvents events;

    String original;

    @BeforeEach
    void openingHours() throws IOException {
        clock.set(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
        original = Files.readString(SCRIPTS.resolve("12333.yaml"));
    }

    @AfterEach
    void restore() throws IOException {
        clock.reset();
        Files.writeString(SCRIPTS.resolve("12333.yaml"), original);
        library.reload();
    }

    @Test
    void aCallInTheMenuDuringAReloadFinishesOnTheVersionItStartedWith() throws IOException {
        String before = library.script("12333").orElseThrow().version();
        SimulatedCall early = AgiStandIn.call(agiPort).script("ivr?menu=12333").keys("1")
                .holdOn("STREAM FILE \"hotline/welcome\"")
                .hangUpDuring("STREAM FILE \"hotline/social-insurance-menu\"").start().awaitHeld();

        // the new version swaps 1 and 2: 1 is employment, 2 social insurance
        Files.writeString(SCRIPTS.resolve("12333.yaml"), original
                .replace("\"1\": { goto: social-insurance, say: [社会保险, 社保] }", "\"1\": { goto: employment }")
                .replace("\"2\": { goto: employment, say: [就业, 创业] }", "\"2\": { goto: social-insurance }"));
        assertThat(library.reload()).isEmpty();
        String after = library.script("12333").orElseThrow().version();
        assertThat(after).isNotEqualTo(before);

        early.release();
        early.awaitEnd();
        assertThat(early.played()).contains("hotline/social-insurance-menu").doesNotContain("hotline/employment-menu");

        SimulatedCall late = AgiStandIn.call(agiPort).script("ivr?menu=12333").keys("1")
                .hangUpDuring("STREAM FILE \"hotline/employment-menu\"").start().awaitEnd();
        assertThat(late.played()).contains("hotline/employment-menu").doesNotContain("hotline/social-insurance-menu");
    }

    @Test
    void aBrokenScriptIsRefusedAndTheLastGoodVersionStaysInService() throws IOException {
        String good = library.script("12333").orElseThrow().version();

        Files.writeString(SCRIPTS.resolve("12333.yaml"), original.replace("next: main", "next: mian"));
        assertThat(library.reload()).extracting(ScriptProblem::toString)
                .containsExactly("12333.yaml:16: goes to node 'mian', which does not exist",
                        "12333.yaml:18: node 'main' is never reached from 'start'");

        assertThat(library.script("12333").orElseThrow().version()).isEqualTo(good);
        events.await(AlertRaised.class, e -> e.alert().kind() == AlertKind.IVR_SCRIPT);
        SimulatedCall call = AgiStandIn.call(agiPort).script("ivr?menu=12333").keys("1")
                .hangUpDuring("STREAM FILE \"hotline/social-insurance-menu\"").start().awaitEnd();
        assertThat(call.played()).contains("hotline/social-insurance-menu");

        Http.Response status = Http.on(httpPort).as("admin", "test-admin-password").get("/api/ivr/scripts");
        assertThat(status.json().path("problems").get(0).asString())
                .isEqualTo("12333.yaml:16: goes to node 'mian', which does not exist");
        assertThat(status.json().path("menus").get(0).path("version").asString()).isEqualTo(good);
    }
}
