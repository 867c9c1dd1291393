package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.HostileYaml;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestClock;
import org.hotline12333.testkit.TroubledServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * A service started with hostile YAML among its scripts (a self-referencing anchor, too many aliases, a billion
 * laughs, deep nesting), then given more by hot reload: it boots, keeps serving the real menu, reports each file with
 * its line, and alerts supervisors.
 */
@TroubledServiceTest
class HostileScriptsTest {

    static final Path SCRIPTS = TroubledServiceTest.SCRIPTS;

    @Value("${local.agi.port}")
    int agiPort;
    @Value("${local.server.port}")
    int httpPort;
    @Autowired
    ScriptLibrary library;
    @Autowired
    RecordedEvents events;
    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theServiceBootsWithHostileFilesAndServesTheRealMenu() {
        JsonNode scripts = Http.on(httpPort).as("admin", "test-admin-password").get("/api/ivr/scripts").json();

        assertThat(scripts.path("menus").findValuesAsString("name")).contains("12333");
        for (HostileYaml hostile : HostileYaml.values()) {
            assertThat(scripts.path("problems").valueStream().map(JsonNode::asString))
                    .anyMatch(p -> p.startsWith(hostile.file + ":" + hostile.line + ": ") && p.contains(hostile.problem));
        }
        events.await(AlertRaised.class, e -> e.alert().kind() == AlertKind.IVR_SCRIPT);
        assertThat(callThroughTheMenu().played()).contains("hotline/social-insurance-menu");
    }

    @Test
    void aHostileFileArrivingByHotReloadIsReportedAlertedAndTheOtherChangesStillLoad() throws IOException {
        String before = library.script("12333").orElseThrow().version();
        int alertsBefore = events.ofType(AlertRaised.class).size();

        Files.writeString(SCRIPTS.resolve("late.yaml"), "name: late\nstart: main\nnodes:\n  main: &m\n    next: *m\n");
        Files.writeString(SCRIPTS.resolve("12333.yaml"), Files.readString(SCRIPTS.resolve("12333.yaml"))
                + "\n# edited while the service runs\n");

        // the scheduled reload (every 200 ms here, TroubledServiceTest) picks both up
        await().atMost(Duration.ofSeconds(30)).until(() -> !library.script("12333").orElseThrow().version()
                .equals(before));
        assertThat(library.problems()).extracting(ScriptProblem::toString)
                .contains("late.yaml:4: the anchor &m is used inside itself (a value that would contain itself "
                        + "without end)");
        await().atMost(Duration.ofSeconds(30)).until(() -> events.ofType(AlertRaised.class).stream()
                .skip(alertsBefore).anyMatch(e -> e.alert().kind() == AlertKind.IVR_SCRIPT
                        && e.alert().message().contains("late.yaml")));
        assertThat(callThroughTheMenu().played()).contains("hotline/social-insurance-menu");
    }

    private SimulatedCall callThroughTheMenu() {
        clock.set(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
        return AgiStandIn.call(agiPort).script("ivr?menu=12333").keys("1")
                .hangUpDuring("STREAM FILE \"hotline/social-insurance-menu\"").start().awaitEnd();
    }
}
