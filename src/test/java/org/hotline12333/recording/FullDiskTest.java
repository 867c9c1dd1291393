package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.OwnFilesTest;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.StandInMixMonitor;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** A full disk (or a folder the service may not write) when the sidecar is due: the recording is not lost. */
@OwnFilesTest
class FullDiskTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Alerts alerts;

    @Autowired
    TestClock clock;

    @Test
    void whenTheSidecarCannotBeWrittenTheRowSurvivesSaysWhyAndTheSweepFinishesItLater() throws IOException {
        RecordingFixture fixture = new RecordingFixture(context);
        Path directory = fixture.directory();
        // the recording is closed once its files are unchanged for a while on this clock: not before the test
        // lets it run again, so not before the disk trouble has struck, however slow the machine
        clock.set(Instant.now());
        try (DiskTrouble trouble = DiskTrouble.in(directory)) {
            SimulatedCall session = fixture.call(call -> call.mixMonitorKeepsWritingAfterHangUp());
            Path mixed = session.recordingFiles().get(StandInMixMonitor.Leg.MIXED);
            awaitFile(mixed);
            trouble.strike(mixed.getParent());
            session.mixMonitorStops();
            clock.runFrom(clock.instant());

            RecordingView kept = fixture.closed(session);

            assertThat(kept.state()).isEqualTo(RecordingState.SIDECAR_PENDING);
            assertThat(kept.failureReason()).startsWith("sidecar not written: ").contains(trouble.expectedReason());
            assertThat(kept.files().get(Leg.MIXED).sha256()).isEqualTo(AudioFiles.sha256(mixed));
            assertThat(directory.resolve(Sidecars.pathOf(kept))).doesNotExist();
            assertThat(fixture.events().ofType(RecordingClosed.class, e -> e.recordingId().equals(kept.id()))).isEmpty();
            // raised just after the row is kept: wait for it rather than read the table at once
            AlertView alert = fixture.events().await(AlertRaised.class, a -> a.alert().kind() == AlertKind.RECORDING
                    && kept.id().equals(a.alert().subject())).alert();
            assertThat(alert.message()).contains("is kept but not complete").contains(trouble.expectedReason());
            assertThat(alerts.recent(100)).extracting(AlertView::id).contains(alert.id());

            trouble.clear();
            JsonNode report = new Maintenances(fixture.supervisor()).run("sweep");

            assertThat(report.path("findings").toString()).contains("SIDECAR_WRITTEN").contains(kept.id());
            RecordingView complete = fixture.recordings().findById(kept.id()).orElseThrow().view();
            assertThat(complete.state()).isEqualTo(RecordingState.COMPLETE);
            assertThat(complete.failureReason()).isNull();
            assertThat(fixture.events().ofType(RecordingClosed.class, e -> e.recordingId().equals(kept.id()))).hasSize(1);
            assertThat(Schemas.errors("recording", directory.resolve(Sidecars.pathOf(complete)))).isEmpty();
        } finally {
            clock.reset();
            StandInAsterisk.deleteTree(directory.resolve("probe"));
        }
    }

    private static void awaitFile(Path file) {
        await().alias(file + " written").until(() -> Files.exists(file));
    }
}
