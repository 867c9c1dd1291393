package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallEnded;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.telephony.CallInfo;
import org.hotline12333.telephony.RecordingFiles;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.OwnFilesTest;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.StandInMixMonitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

/**
 * Keeping recordings: the integrity sweep, the index rebuild, retention and the alerts around them, on a
 * recordings directory of this test's own.
 */
@OwnFilesTest
class RecordingKeepingTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    RecordingFinisher finisher;

    @Autowired
    Recordings service;

    @Autowired
    Alerts alerts;

    @Autowired
    Users users;

    @Autowired
    JdbcTemplate jdbc;

    RecordingFixture fixture;
    Path directory;
    Http admin;
    Maintenances maintenance;

    @BeforeEach
    void setUp() {
        fixture = new RecordingFixture(context);
        directory = fixture.directory();
        admin = fixture.supervisor();
        maintenance = new Maintenances(admin);
    }

    @Test
    void theSweepCatchesACorruptedFileAndFindsOrphansBothWays() throws IOException {
        RecordingView corrupted = record();
        RecordingView incomplete = record();
        Path callerSide = file(corrupted, Leg.CALLER);
        try (RandomAccessFile file = new RandomAccessFile(callerSide.toFile(), "rw")) {
            file.seek(1000);
            int b = file.read();
            file.seek(1000);
            file.write(b ^ 0x5a);
        }
        Files.delete(file(incomplete, Leg.OTHER));
        Path sidecar = directory.resolve(Sidecars.pathOf(corrupted));
        Files.delete(sidecar);
        Path strayHere = callerSide.resolveSibling(UUID.randomUUID() + ".wav");
        Files.write(strayHere, new byte[] {1, 2, 3});
        Path strayElsewhere = directory.resolve("2020/01/01/central/stray.wav");
        Files.createDirectories(strayElsewhere.getParent());
        Files.write(strayElsewhere, new byte[] {4, 5, 6});

        JsonNode report = maintenance.run("sweep");

        assertThat(report.path("run").path("status").asString()).isEqualTo("DONE");
        assertThat(findings(report)).contains(
                tuple("HASH_MISMATCH", corrupted.id(), corrupted.files().get(Leg.CALLER).path()),
                tuple("FILE_MISSING", incomplete.id(), incomplete.files().get(Leg.OTHER).path()),
                tuple("FILE_WITHOUT_RECORDING", null, relative(strayHere)),
                tuple("FILE_WITHOUT_RECORDING", null, "2020/01/01/central/stray.wav"),
                tuple("SIDECAR_REWRITTEN", corrupted.id(), Sidecars.pathOf(corrupted)));
        assertThat(findings(report)).filteredOn(f -> corrupted.id().equals(f.toArray()[1]))
                .as("only the corrupted leg").hasSize(2);
        assertThat(Schemas.errors("recording", sidecar)).isEmpty();
        assertThat(new String(Files.readAllBytes(sidecar))).contains(corrupted.files().get(Leg.CALLER).sha256());
        long id = report.path("run").path("id").asLong();
        // raised once the run and its findings are saved, so it may come just after the run reads DONE
        await().untilAsserted(() -> assertThat(alerts.recent(1000)).filteredOn(a -> a.kind() == AlertKind.RECORDING)
                .extracting(AlertView::subject).contains("maintenance-run-" + id));
    }

    @Test
    void theRebuiltIndexEqualsTheOriginalAfterTheTableIsWiped() {
        RecordingView plain = record();
        RecordingView failed = fixture.closed(fixture.call(call -> call
                .recordingFault(StandInMixMonitor.Leg.OTHER, StandInMixMonitor.Fault.EMPTY)));
        RecordingView marked = record();
        service.recordScore(marked.id(), new BigDecimal("87.5"), "quality");
        assertThat(admin.put("/api/recordings/" + marked.id() + "/legal-hold", "{\"on\":true,\"reason\":\"court\"}")
                .status()).isEqualTo(200);
        fixture.idle();
        List<RecordingView> before = all();
        assertThat(before).extracting(RecordingView::id).contains(plain.id(), failed.id(), marked.id());
        assertThat(before).filteredOn(r -> r.id().equals(marked.id())).singleElement()
                .satisfies(r -> assertThat(r.legalHold()).isTrue());

        fixture.recordings().deleteAll();
        assertThat(jdbc.queryForObject("select count(*) from recording_file", Integer.class)).isZero();
        JsonNode report = maintenance.run("rebuild");

        assertThat(report.path("run").path("summary").asString()).contains(before.size() + " restored");
        assertThat(all()).isEqualTo(before);
        assertThat(maintenance.run("rebuild").path("run").path("summary").asString())
                .contains(before.size() + " already in the index").doesNotContain("restored");
    }

    @Test
    void retentionDeletesOldRecordingsButKeepsThoseOnHold() throws IOException {
        RecordingView old = record();
        RecordingView legalHold = record();
        RecordingView complaint = record();
        RecordingView appeal = record();
        RecordingView recent = record();
        for (RecordingView recording : List.of(old, legalHold, complaint, appeal)) {
            jdbc.update("update recording set started_at = ? where id = ?",
                    Timestamp.from(Instant.now().minus(Duration.ofDays(40))), recording.id());
            finisher.rewriteSidecar(recording.id());
        }
        assertThat(admin.put("/api/recordings/" + legalHold.id() + "/legal-hold", "{\"on\":true}").status())
                .isEqualTo(200);
        assertThat(admin.put("/api/recordings/" + complaint.id() + "/complaint", "{\"on\":true,\"reason\":\"C-117\"}")
                .status()).isEqualTo(200);
        service.setScoreAppealOpen(appeal.id(), true, "quality");
        users.create("agent-keeping", "agent-password", Role.AGENT);
        assertThat(fixture.as("agent-keeping", "agent-password")
                .put("/api/recordings/" + old.id() + "/legal-hold", "{\"on\":true}").status()).isEqualTo(403);
        List<Path> oldFiles = List.of(file(old, Leg.MIXED), file(old, Leg.CALLER), file(old, Leg.OTHER),
                directory.resolve(Sidecars.pathOf(old)));
        Path transcript = file(old, Leg.MIXED).resolveSibling(old.callId() + ".transcript.json");
        Files.writeString(transcript, "{}");
        assertThat(oldFiles).allMatch(Files::exists);

        JsonNode report = maintenance.run("retention");

        assertThat(report.path("run").path("status").asString()).isEqualTo("DONE");
        assertThat(fixture.recordings().findById(old.id())).isEmpty();
        assertThat(oldFiles).noneMatch(Files::exists);
        assertThat(transcript).doesNotExist();
        for (RecordingView kept : List.of(legalHold, complaint, appeal, recent)) {
            assertThat(fixture.recordings().findById(kept.id())).isPresent();
            assertThat(file(kept, Leg.MIXED)).exists();
            assertThat(directory.resolve(Sidecars.pathOf(kept))).exists();
        }
        JsonNode log = admin.get("/api/recordings/access-log?recording=" + old.id()).json();
        assertThat(log.get(0).path("action").asString()).isEqualTo("DELETE");
        assertThat(log.get(0).path("username").asString()).isEqualTo("retention");
        assertThat(log.get(0).path("callId").asString()).isEqualTo(old.callId());
        assertThat(admin.get("/api/recordings/access-log?recording=" + legalHold.id()).json().get(0)
                .path("detail").asString()).isEqualTo("legal hold on");
    }

    @Test
    void aRecordingLeftByACrashIsClosedByTheNextSweep(@Autowired RecordingLayout layout,
                                                      @Autowired RecordingRows rows) {
        String callId = UUID.randomUUID().toString();
        Instant startedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("insert into calls (id, node, unique_id, channel, caller_number, script, handled_by, started_at,"
                + " ended_at, ended_by, end_reason) values (?, 'central', '1763999999.1', 'PJSIP/carrier-1', "
                + "'13800138000', 'scripted', 'test', ?, ?, 'RESTART', 'still open when the service restarted')",
                callId, Timestamp.from(startedAt), Timestamp.from(startedAt.plusSeconds(30)));
        Map<Leg, String> paths = layout.files(layout.base(startedAt, "central", callId));
        String recordingId = UUID.randomUUID().toString();
        rows.insert(recordingId, new CallInfo(callId, "central", "PJSIP/carrier-1", "1763999999.1", "13800138000", null,
                "12333", "from-carrier", "zh", "scripted", Map.of(), true), startedAt, paths);
        StandInMixMonitor mixMonitor = new StandInMixMonitor();
        mixMonitor.root(StandInAsterisk.RECORDINGS_PATH, directory);
        RecordingFiles files = layout.forAsterisk("central", paths);
        mixMonitor.start(files.mixed() + ",r(" + files.callerSide() + ")t(" + files.otherSide() + ")");
        mixMonitor.stop();

        JsonNode report = maintenance.run("sweep");
        fixture.idle();

        assertThat(report.path("run").path("summary").asString()).contains("1 left recordings closed");
        RecordingView recovered = service.find(recordingId).orElseThrow();
        assertThat(recovered.state()).isEqualTo(RecordingState.COMPLETE);
        assertThat(recovered.endedAt()).isEqualTo(startedAt.plusSeconds(30));
        assertThat(fixture.events().ofType(RecordingClosed.class, e -> e.recordingId().equals(recordingId)))
                .hasSize(1);
    }

    @Test
    void aRecordedScriptsCallEndingWithoutARecordingRaisesAnAlertButAnAgentFeatureCodeDoesNot() {
        fixture.scripted().register("unrecorded", call -> {
            call.answer();
            call.play("welcome", "");
            call.hangup();
        });

        String unrecorded = fixture.callIdOf(AgiStandIn.call(fixture.agiPort()).script("scripted?scenario=unrecorded")
                .start().awaitEnd());
        String featureCode = fixture.callIdOf(AgiStandIn.call(fixture.agiPort()).script("agent?action=login")
                .start().awaitEnd());
        fixture.events().await(CallEnded.class, e -> e.callId().equals(unrecorded));
        fixture.events().await(CallEnded.class, e -> e.callId().equals(featureCode));
        fixture.idle();

        List<AlertView> recordingAlerts = alerts.recent(1000).stream()
                .filter(a -> a.kind() == AlertKind.RECORDING).toList();
        assertThat(recordingAlerts).filteredOn(a -> a.subject().equals(unrecorded)).extracting(AlertView::message)
                .containsExactly("Call " + unrecorded + " ('scripted') ended without a recording: it never started one");
        assertThat(recordingAlerts).noneMatch(a -> a.subject().equals(featureCode));
    }

    @Test
    void freeSpaceBelowTheThresholdRaisesOneAlertNotOnePerCheck(@Autowired RecordingLayout layout,
                                                                @Autowired Clock clock) {
        DiskWatch watch = new DiskWatch(layout, properties(DataSize.ofTerabytes(1 << 20)), alerts, clock);
        long before = diskAlerts();

        DiskWatch.DiskStatus status = watch.check();
        watch.check();

        assertThat(status.low()).isTrue();
        assertThat(status.freeBytes()).isPositive();
        assertThat(diskAlerts()).isEqualTo(before + 1);
        JsonNode checked = admin.post("/api/recordings/maintenance/disk", "").json();
        assertThat(checked.path("directory").asString()).isEqualTo(directory.toString());
        assertThat(checked.path("thresholdBytes").asLong()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(checked.path("freeBytes").asLong()).isPositive();
    }

    private long diskAlerts() {
        return alerts.recent(1000).stream().filter(a -> a.kind() == AlertKind.DISK_SPACE).count();
    }

    private RecordingsProperties properties(DataSize minFree) {
        return new RecordingsProperties(directory, List.of("ivr"), Duration.ofSeconds(2), Duration.ofSeconds(15),
                Duration.ofHours(4), 2, Duration.ofDays(365), "0 0 3 * * ?", "0 30 1 * * ?", minFree,
                Duration.ofMinutes(1));
    }

    private RecordingView record() {
        RecordingView recording = fixture.closed(fixture.call(call -> call));
        assertThat(recording.state()).isEqualTo(RecordingState.COMPLETE);
        fixture.idle();
        return recording;
    }

    private List<RecordingView> all() {
        return fixture.recordings().findAll().stream().map(Recording::view)
                .sorted(Comparator.comparing(RecordingView::id)).toList();
    }

    private Path file(RecordingView recording, Leg leg) {
        return directory.resolve(recording.files().get(leg).path());
    }

    private String relative(Path file) {
        return directory.relativize(file).toString();
    }

    private static List<Tuple> findings(JsonNode report) {
        List<Tuple> findings = new ArrayList<>();
        for (JsonNode finding : report.path("findings")) {
            findings.add(tuple(finding.path("kind").asString(),
                    finding.path("recordingId").isNull() ? null : finding.path("recordingId").asString(),
                    finding.path("path").asString()));
        }
        return findings;
    }
}
