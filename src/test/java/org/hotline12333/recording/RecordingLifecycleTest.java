package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallRecords;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Speech;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.StandInMixMonitor;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** A call's recording from answer to verified files, through the FastAGI and AMI stand-ins. */
@HotlineTest
class RecordingLifecycleTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    CallRecords calls;

    @Autowired
    Alerts alerts;

    @Autowired
    Sidecars sidecars;

    @Autowired
    TestClock clock;

    RecordingFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RecordingFixture(context);
    }

    @Test
    void aRecordedCallLeavesACompleteRowHashedFilesAndASchemaValidSidecar() throws IOException {
        SimulatedCall session = fixture.call(call -> call.recordingLength(Duration.ofMillis(2500)));

        String callId = fixture.callIdOf(session);
        RecordingClosed closed = fixture.events().await(RecordingClosed.class, e -> e.callId().equals(callId));
        RecordingView recording = fixture.closed(session);
        String base = DateTimeFormatter.ofPattern("yyyy/MM/dd").format(recording.startedAt().atZone(ZoneId.systemDefault()))
                + "/central/" + callId;
        assertThat(session.commands()).contains("EXEC \"MixMonitor\" \"" + StandInAsterisk.RECORDINGS_PATH + "/" + base
                + ".wav,r(" + StandInAsterisk.RECORDINGS_PATH + "/" + base + "-caller.wav)t("
                + StandInAsterisk.RECORDINGS_PATH + "/" + base + "-other.wav)\"");
        assertThat(session.commands().indexOf("ANSWER")).isLessThan(indexOfMixMonitor(session));

        assertThat(recording.state()).isEqualTo(RecordingState.COMPLETE);
        assertThat(recording.failureReason()).isNull();
        assertThat(recording.node()).isEqualTo("central");
        assertThat(recording.uniqueId()).isEqualTo(session.uniqueId());
        assertThat(recording.callerNumber()).isEqualTo("13800138000");
        assertThat(recording.durationMs()).isEqualTo(2500);
        assertThat(recording.endedAt()).isAfterOrEqualTo(recording.startedAt());
        Map<StandInMixMonitor.Leg, Path> written = session.recordingFiles();
        for (Leg leg : Leg.values()) {
            RecordingView.FileView file = recording.files().get(leg);
            Path onDisk = written.get(StandInMixMonitor.Leg.valueOf(leg.name()));
            assertThat(file.path()).isEqualTo(leg.fileName(base));
            assertThat(file.bytes()).isEqualTo(Files.size(onDisk)).isEqualTo(44 + 2500 * 16);
            assertThat(file.sha256()).isEqualTo(AudioFiles.sha256(onDisk)).hasSize(64);
            assertThat(file.durationMs()).isEqualTo(2500);
            assertThat(file.sampleRate()).isEqualTo(8000);
            assertThat(file.channels()).isEqualTo(1);
            assertThat(file.bitsPerSample()).isEqualTo(16);
            assertThat(file.problem()).isNull();
        }

        assertThat(closed.recordingId()).isEqualTo(recording.id());
        assertThat(closed.node()).isEqualTo("central");
        assertThat(closed.mixed()).isEqualTo(written.get(StandInMixMonitor.Leg.MIXED));
        assertThat(closed.callerSide()).isEqualTo(written.get(StandInMixMonitor.Leg.CALLER));
        assertThat(closed.otherSide()).isEqualTo(written.get(StandInMixMonitor.Leg.OTHER));
        assertThat(closed.startedAt()).isEqualTo(recording.startedAt());
        assertThat(closed.duration()).isEqualTo(Duration.ofMillis(2500));

        Path sidecar = closed.mixed().resolveSibling(callId + ".json");
        assertThat(Schemas.errors("recording", sidecar)).isEmpty();
        assertThat(sidecars.read(sidecar).view()).isEqualTo(recording);
    }

    @Test
    void aHangUpSeenFirstOverAmiAndThenByTheSessionIsProcessedOnce() {
        StandInAsterisk.ami().awaitLogins(1);
        fixture.scripted().register("held", call -> {
            call.answer();
            fixture.recorder().start(call);
            call.play("please-hold", "");
            call.play("after", "");
        });
        SimulatedCall session = AgiStandIn.call(fixture.agiPort()).script("scripted?scenario=held")
                .holdOn("STREAM FILE \"hotline/please-hold\"").start().awaitHeld();
        String callId = fixture.callIdOf(session);

        session.hangUpNow();
        StandInAsterisk.ami().hangup(session.uniqueId(), 16, "Normal Clearing");
        RecordingClosed closed = fixture.events().await(RecordingClosed.class, e -> e.callId().equals(callId));

        assertThat(calls.find(callId).orElseThrow().open()).as("closed by AMI while the session still runs").isTrue();
        session.release();
        session.awaitEnd();
        fixture.events().await(CallEnded.class, e -> e.callId().equals(callId));
        fixture.idle();
        assertThat(fixture.events().ofType(RecordingClosed.class, e -> e.callId().equals(callId))).containsExactly(closed);
        assertThat(fixture.recordings().findByCallId(callId).orElseThrow().state()).isEqualTo(RecordingState.COMPLETE);
        assertThat(alertsAbout(closed.recordingId(), callId)).isEmpty();
    }

    @Test
    void aHangUpSeenByTheSessionAndOverAmiAtOnceIsProcessedOnce() {
        StandInAsterisk.ami().awaitLogins(1);
        SimulatedCall session = AgiStandIn.call(fixture.agiPort()).script("scripted?scenario=" + RecordingFixture.RECORDED)
                .hangUpDuring("STREAM FILE \"hotline/main-menu\"").start().awaitEnd();
        StandInAsterisk.ami().hangup(session.uniqueId(), 16, "Normal Clearing");

        RecordingView recording = fixture.closed(session);
        fixture.idle();
        assertThat(recording.state()).isEqualTo(RecordingState.COMPLETE);
        assertThat(fixture.events().ofType(RecordingClosed.class, e -> e.recordingId().equals(recording.id()))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(StandInMixMonitor.Fault.class)
    void aMissingOrEmptyLegFailsTheRecordingWithAnAlert(StandInMixMonitor.Fault fault) {
        SimulatedCall session = fixture.call(call -> call.recordingFault(StandInMixMonitor.Leg.CALLER, fault));

        RecordingView recording = fixture.closed(session);
        fixture.idle();
        String expected = fault == StandInMixMonitor.Fault.MISSING ? "caller side missing" : "caller side empty";
        assertThat(recording.state()).isEqualTo(RecordingState.FAILED);
        assertThat(recording.failureReason()).isEqualTo(expected);
        assertThat(recording.files().get(Leg.CALLER).problem())
                .isEqualTo(fault == StandInMixMonitor.Fault.MISSING ? FileProblem.MISSING : FileProblem.EMPTY);
        assertThat(recording.files().get(Leg.MIXED).problem()).isNull();
        assertThat(awaitAlertsAbout(recording.id(), recording.callId())).extracting(AlertView::message)
                .containsExactly("Recording of call " + recording.callId() + " failed: " + expected);
        assertThat(fixture.events().ofType(RecordingClosed.class, e -> e.recordingId().equals(recording.id()))).isEmpty();
        assertThat(Schemas.errors("recording", sidecarOf(recording))).isEmpty();
    }

    @Test
    void filesMixMonitorStillWritesAfterTheHangUpAreWaitedFor() throws IOException {
        // "unchanged for settle-interval" is on the clock: held while MixMonitor writes, however slowly it writes
        clock.set(Instant.now());
        RecordingView recording;
        long first;
        long later;
        Path mixed;
        try {
            SimulatedCall session = fixture.call(call -> call.mixMonitorKeepsWritingAfterHangUp());
            mixed = session.recordingFiles().get(StandInMixMonitor.Leg.MIXED);
            first = await().until(() -> sizeOf(mixed), size -> size > 0);
            later = await().until(() -> sizeOf(mixed), size -> size > first);
            assertThat(fixture.recordings().findByCallId(fixture.callIdOf(session)).orElseThrow().state())
                    .isEqualTo(RecordingState.RECORDING);

            session.mixMonitorStops(); // nothing is written after this
            clock.runFrom(clock.instant());
            recording = fixture.closed(session);
        } finally {
            clock.reset();
        }

        assertThat(recording.state()).isEqualTo(RecordingState.COMPLETE);
        RecordingView.FileView file = recording.files().get(Leg.MIXED);
        assertThat(file.bytes()).isEqualTo(Files.size(mixed)).isGreaterThanOrEqualTo(later).isGreaterThan(first);
        assertThat(file.sha256()).isEqualTo(AudioFiles.sha256(mixed));
        assertThat(file.durationMs()).isEqualTo((Files.size(mixed) - 44) / 16);
    }

    @Test
    void whenMixMonitorCannotStartTheCallGoesOnAndTheRowSaysWhy() {
        List<Optional<String>> started = new CopyOnWriteArrayList<>();
        fixture.scripted().register("no-mixmonitor", call -> {
            call.answer();
            started.add(fixture.recorder().start(call));
            call.play("welcome", "");
            call.hangup();
        });

        SimulatedCall session = AgiStandIn.call(fixture.agiPort()).script("scripted?scenario=no-mixmonitor")
                .application("MixMonitor", (call, args) -> "-1").start().awaitEnd();

        assertThat(started).containsExactly(Optional.empty());
        assertThat(session.played()).containsExactly("hotline/welcome");
        RecordingView recording = fixture.closed(session);
        fixture.idle();
        assertThat(recording.state()).isEqualTo(RecordingState.FAILED);
        assertThat(recording.failureReason()).startsWith("recording did not start: ")
                .contains("could not start MixMonitor");
        assertThat(awaitAlertsAbout(recording.id(), recording.callId())).extracting(AlertView::message)
                .singleElement().asString().startsWith("Call " + recording.callId() + " is not being recorded");
        assertThat(Schemas.errors("recording", sidecarOf(recording))).isEmpty();
    }

    @Test
    void startingTwiceForOneCallRecordsOnce() {
        List<Optional<String>> started = new CopyOnWriteArrayList<>();
        fixture.scripted().register("twice", call -> {
            call.answer();
            started.add(fixture.recorder().start(call));
            started.add(fixture.recorder().start(call));
            call.hangup();
        });

        SimulatedCall session = AgiStandIn.call(fixture.agiPort()).script("scripted?scenario=twice").start().awaitEnd();

        assertThat(session.commands()).filteredOn(c -> c.startsWith("EXEC \"MixMonitor\"")).hasSize(1);
        assertThat(started).hasSize(2).allMatch(Optional::isPresent);
        assertThat(started.get(0)).isEqualTo(started.get(1));
        assertThat(fixture.closed(session).state()).isEqualTo(RecordingState.COMPLETE);
    }

    @Test
    void aRowAlreadyThereForTheCallIsTakenAsItsRecordingAndNoSecondOneStarts() {
        List<Optional<String>> started = new CopyOnWriteArrayList<>();
        String earlier = UUID.randomUUID().toString();
        fixture.scripted().register("row-there", call -> {
            call.answer();
            // written by an earlier start this service no longer remembers (a restart between the two)
            context.getBean(RecordingRows.class).insert(earlier, call.info(), clock.instant(),
                    Map.of(Leg.MIXED, "earlier/mixed.wav"));
            started.add(fixture.recorder().start(call));
            call.hangup();
        });

        SimulatedCall session = AgiStandIn.call(fixture.agiPort()).script("scripted?scenario=row-there").start()
                .awaitEnd();

        assertThat(started).containsExactly(Optional.of(earlier));
        assertThat(session.commands()).noneMatch(c -> c.startsWith("EXEC \"MixMonitor\""));
        assertThat(alerts.open(100)).noneMatch(alert -> alert.message().contains("has no recording row"));
    }

    @Test
    void theCallerSideCanBeRealSpeechForSpeechAnalytics() {
        Assumptions.assumeTrue(Speech.available(), "espeak-ng and sox are not installed (the test command installs them)");
        long spokenMs = Speech.pcm("我要查询养老金").length / 8;

        SimulatedCall session = fixture.call(call -> call.callerSays("我要查询养老金"));
        RecordingView recording = fixture.closed(session);

        assertThat(recording.state()).isEqualTo(RecordingState.COMPLETE);
        assertThat(spokenMs).isGreaterThan(500);
        assertThat(recording.files().get(Leg.CALLER).durationMs()).isEqualTo(Math.max(spokenMs, 1000));
        assertThat(recording.durationMs()).isEqualTo(recording.files().get(Leg.CALLER).durationMs());
    }

    private static Path sidecarOf(RecordingView recording) {
        return StandInAsterisk.recordingsRoot().resolve(Sidecars.pathOf(recording));
    }

    /** Alerts are raised in their own transaction once the row has changed: wait until one is there. */
    private List<AlertView> awaitAlertsAbout(String recordingId, String callId) {
        return await().until(() -> alertsAbout(recordingId, callId), found -> !found.isEmpty());
    }

    private List<AlertView> alertsAbout(String recordingId, String callId) {
        return alerts.recent(1000).stream().filter(a -> a.kind() == AlertKind.RECORDING)
                .filter(a -> recordingId.equals(a.subject()) || callId.equals(a.subject())).toList();
    }

    private static int indexOfMixMonitor(SimulatedCall session) {
        List<String> commands = session.commands();
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith("EXEC \"MixMonitor\"")) {
                return i;
            }
        }
        return -1;
    }

    /** The file's size, 0 while it is not there. */
    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }
}
