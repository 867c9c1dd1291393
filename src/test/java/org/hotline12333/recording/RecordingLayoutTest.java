package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline12333.telephony.AsteriskProperties;
import org.hotline12333.telephony.RecordingFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Where files go, as the service and each Asterisk node see them, and what the service refuses to open. */
class RecordingLayoutTest {

    @TempDir
    Path root;

    @Test
    void filesAreLaidOutByDateNodeAndCallAndTranslatedPerNode() {
        RecordingLayout layout = layout(node("central", "/var/spool/asterisk/monitor/hotline/"),
                node("district-east", null));
        String base = layout.base(Instant.parse("2025-11-23T12:00:00Z"), "district-east", "c7a1e2d3-call");

        Map<Leg, String> files = layout.files(base);
        RecordingFiles central = layout.forAsterisk("central", files);
        RecordingFiles east = layout.forAsterisk("district-east", files);

        assertThat(base).endsWith("/district-east/c7a1e2d3-call").matches("\\d{4}/\\d{2}/\\d{2}/.*");
        assertThat(central.mixed()).isEqualTo("/var/spool/asterisk/monitor/hotline/" + base + ".wav");
        assertThat(central.callerSide()).isEqualTo("/var/spool/asterisk/monitor/hotline/" + base + "-caller.wav");
        assertThat(central.otherSide()).isEqualTo("/var/spool/asterisk/monitor/hotline/" + base + "-other.wav");
        assertThat(east.mixed()).as("no recordings-path: the same directory").isEqualTo(root + "/" + base + ".wav");
        assertThat(RecordingLayout.sidecarOf(files.get(Leg.MIXED))).isEqualTo(base + ".json");
        assertThat(layout.base(Instant.now(), "../../etc", "x").split("/")).hasSize(5).doesNotContain("..", ".");
        assertThat(layout.base(Instant.now(), "..", "..").split("/")).hasSize(5).doesNotContain("..", ".");
    }

    @Test
    void pathsLeadingOutOfTheDirectoryAreRefused() throws IOException {
        RecordingLayout layout = layout(node("central", null));
        Files.createDirectories(root.resolve("2025/11/23"));
        Path link = Files.createSymbolicLink(root.resolve("2025/11/23/out.wav"), Path.of("/etc/passwd"));

        for (String path : List.of("../x.wav", "2025/../../x.wav", "/etc/passwd", "", "a\\..\\..\\b",
                "2025/11/23/out.wav", "x\0.wav", ".")) {
            assertThatThrownBy(() -> layout.resolve(path)).as(path)
                    .isInstanceOf(RecordingLayout.OutsideRecordingsException.class);
        }
        assertThat(layout.resolve("2025/11/23/x.wav")).isEqualTo(root.resolve("2025/11/23/x.wav"));
        assertThat(link).exists();
    }

    @Test
    void aNodePathMixMonitorWouldMisreadStopsTheStart() {
        assertThatThrownBy(() -> layout(node("central", "/var/spool/asterisk/my recordings")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("recordings-path");
        assertThatThrownBy(() -> layout(node("central", "/rec,(x)"))).isInstanceOf(IllegalStateException.class);
    }

    private RecordingLayout layout(AsteriskProperties.Node... nodes) {
        RecordingsProperties properties = new RecordingsProperties(root, List.of("ivr"), Duration.ofSeconds(2),
                Duration.ofSeconds(15), Duration.ofHours(4), 2, Duration.ofDays(365), "0 0 3 * * ?",
                "0 30 1 * * ?", DataSize.ofGigabytes(10), Duration.ofMinutes(1));
        return new RecordingLayout(properties, new AsteriskProperties(List.of(nodes), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }

    private static AsteriskProperties.Node node(String name, String recordingsPath) {
        return new AsteriskProperties.Node(name, "127.0.0.1", 5038, "hotline", "secret", recordingsPath);
    }
}
