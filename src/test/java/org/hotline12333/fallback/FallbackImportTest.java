package org.hotline12333.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.hotline12333.testkit.Wav;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Calls the service never saw, taken in from the node's {@code hotline-cdr.csv} as a real Asterisk 22.10.1 wrote it
 * with the shipped {@code docker/asterisk} configuration (lines copied from such a run, ids and times changed): one
 * answered in the fallback queue (its record, then the {@code h} extension's with who answered and the wait), one whose
 * caller hung up while the phone rang, one the queue gave up on, next to a call the service handled itself, one the
 * service already has a record of, a line that is not ours, and one whose call ended too recently to be complete.
 */
@HotlineTest
class FallbackImportTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String ASTERISK_ROOT = StandInAsterisk.RECORDINGS_PATH;

    @LocalServerPort
    int port;
    @Value("${hotline.fallback.cdr-files.central}")
    Path cdrFile;
    @Autowired
    FallbackImport fallbackImport;
    @Autowired
    JdbcClient db;
    @Autowired
    TestClock clock;

    private final String run = UUID.randomUUID().toString().substring(0, 6);

    /** Every running service of the test profile reads this file when it starts: it must not find this test's. */
    @AfterEach
    void resetClockAndRemoveTheFile() throws IOException {
        clock.reset();
        Files.deleteIfExists(cdrFile);
    }

    @Test
    void callsHandledByTheFallbackBecomeCallRecordsWithTheirRecordingsAndCountInTheDaysFigures() throws IOException {
        Files.deleteIfExists(cdrFile); // left by an earlier run of the tests
        Instant start = ZonedDateTime.of(2026, 11, 2, 10, 15, 0, 0, ZONE).toInstant();
        String agent = agentWithPhone("PJSIP/fb" + run);
        String answered = id(1);
        String rang = id(2);
        String gaveUp = id(3);
        String handledByService = id(4);
        String alreadyKnown = id(5);
        String recent = id(6);
        Path mixed = recording(answered, start);
        db.sql("INSERT INTO calls (id, node, unique_id, handled_by, started_at, ended_at, ended_by)"
                        + " VALUES (?, 'central', ?, 'lost-instance', ?, ?, 'INSTANCE_LOST')")
                .params(UUID.randomUUID().toString(), alreadyKnown, ts(start), ts(start.plusSeconds(30))).update();

        Instant now = clock.instant();
        append(line(answered, answered, "PJSIP/fb" + run + "-00000001", start, start, start.plusSeconds(7), "ANSWERED",
                        "unavailable", recordingBase(answered, start), start.plusSeconds(2), "", "", ""),
                line(answered, answered, "", start.plusSeconds(7), start.plusSeconds(7), start.plusSeconds(7),
                        "ANSWERED", "unavailable", recordingBase(answered, start), start.plusSeconds(2), "",
                        "PJSIP/fb" + run, "2"),
                line(rang, rang, "PJSIP/fb" + run + "-00000003", start.plusSeconds(60), start.plusSeconds(60),
                        start.plusSeconds(64), "NO ANSWER", "unavailable", recordingBase(rang, start),
                        start.plusSeconds(62), "", "", ""),
                line(rang, rang, "", start.plusSeconds(64), start.plusSeconds(64), start.plusSeconds(64), "ANSWERED",
                        "unavailable", recordingBase(rang, start), start.plusSeconds(62), "", "", ""),
                line(handledByService, handledByService, "", start.plusSeconds(70), start.plusSeconds(70),
                        start.plusSeconds(90), "ANSWERED", "", "", null, "", "", ""),
                "this is not a call record",
                line(gaveUp, gaveUp, "", start.plusSeconds(100), start.plusSeconds(100), start.plusSeconds(402),
                        "ANSWERED", "unavailable", recordingBase(gaveUp, start), start.plusSeconds(102), "TIMEOUT",
                        "", ""),
                line(alreadyKnown, alreadyKnown, "PJSIP/fb" + run + "-00000009", start, start, start.plusSeconds(40),
                        "ANSWERED", "unavailable", "", start.plusSeconds(1), "", "", ""),
                line(recent, recent, "", now.minusSeconds(5), now.minusSeconds(5), now, "ANSWERED", "unavailable",
                        "", now.minusSeconds(3), "", "", ""));

        assertThat(fallbackImport.run()).isEqualTo(3);

        Map<String, Object> call = call(answered);
        assertThat(call.get("ended_by")).isEqualTo("FALLBACK");
        assertThat(call.get("handled_by")).isEqualTo("fallback");
        assertThat(call.get("outcome")).isEqualTo("ANSWERED");
        assertThat(call.get("agent")).isEqualTo(agent);
        assertThat(call.get("caller_number")).isEqualTo("13800138000");
        assertThat(call.get("dialled_number")).isEqualTo("12333");
        assertThat(instant(call, "started_at")).isEqualTo(start);
        assertThat(instant(call, "queued_at")).isEqualTo(start.plusSeconds(2));
        assertThat(instant(call, "connected_at")).isEqualTo(start.plusSeconds(4));
        assertThat(instant(call, "ended_at")).isEqualTo(start.plusSeconds(7));
        assertThat((String) call.get("end_reason")).contains("answered by PJSIP/fb" + run).contains("after 2 s");
        String callId = (String) call.get("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETE".equals(
                db.sql("SELECT state FROM recording WHERE call_id = ?").param(callId).query(String.class)
                        .optional().orElse(null)));
        Map<String, Object> file = db.sql("SELECT f.path, f.sha256 FROM recording_file f JOIN recording r"
                + " ON r.id = f.recording_id WHERE r.call_id = ? AND f.leg = 'MIXED'").param(callId).query().singleRow();
        assertThat((String) file.get("path")).isEqualTo("2026/11/02/central/" + callId + ".wav");
        assertThat((String) file.get("sha256")).hasSize(64);
        assertThat(mixed).as("moved into the service's layout").doesNotExist();
        assertThat(StandInAsterisk.recordingsRoot().resolve("2026/11/02/central/" + callId + ".json")).exists();

        assertThat(call(rang).get("outcome")).isEqualTo("ABANDONED");
        assertThat(call(rang).get("agent")).isNull();
        assertThat(call(gaveUp).get("outcome")).isEqualTo("NOT_SERVED");
        assertThat((String) call(gaveUp).get("end_reason")).contains("TIMEOUT");
        assertThat(db.sql("SELECT count(*) FROM recording r JOIN calls c ON c.id = r.call_id WHERE c.unique_id IN (?, ?)")
                .params(rang, gaveUp).query(Integer.class).single()).as("no conversation, nothing taken in").isZero();
        assertThat(count(handledByService)).as("the service handled it: not the fallback's").isZero();
        assertThat(count(alreadyKnown)).as("the service's own record stays the only one").isEqualTo(1);
        assertThat(count(recent)).as("ended too recently to be complete").isZero();

        // the day's figures count them, in a group of their own
        JsonNode figures = Http.on(port).as("admin", "test-admin-password")
                .get("/api/supervision/figures?date=2026-11-02").json();
        JsonNode fallback = null;
        for (JsonNode group : figures.path("groups")) {
            if (group.path("group").asString().equals("fallback")) {
                fallback = group;
            }
        }
        assertThat(fallback).isNotNull();
        assertThat(fallback.path("offered").asLong()).isEqualTo(3);
        assertThat(fallback.path("answered").asLong()).isEqualTo(1);
        assertThat(fallback.path("abandoned").asLong()).isEqualTo(1);
        assertThat(fallback.path("notServed").asLong()).isEqualTo(1);

        // read again: nothing twice; once the recent call has settled it is taken too
        assertThat(fallbackImport.run()).isZero();
        assertThat(count(answered)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(fallbackImport.run()).isEqualTo(1);
        assertThat(count(recent)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private String id(int n) {
        return "17960" + Math.abs(run.hashCode() % 10000) + "." + n;
    }

    private String agentWithPhone(String endpoint) {
        String workNumber = "69" + String.format("%04d", Math.abs(run.hashCode() % 10000));
        Http admin = Http.on(port).as("admin", "test-admin-password");
        assertThat(admin.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber
                + "\",\"name\":\"坐席\",\"endpoint\":\"" + endpoint + "\",\"skills\":{\"general\":1}}").status())
                .isEqualTo(200);
        return workNumber;
    }

    /** The three files the fallback's MixMonitor wrote; returns the mixed one. */
    private Path recording(String uniqueId, Instant start) throws IOException {
        Path base = StandInAsterisk.recordingsRoot().resolve(relativeBase(uniqueId, start));
        Files.createDirectories(base.getParent());
        for (String suffix : new String[] {".wav", "-caller.wav", "-agent.wav"}) {
            Files.write(Path.of(base + suffix), Wav.silence(3));
        }
        return Path.of(base + ".wav");
    }

    private static String relativeBase(String uniqueId, Instant start) {
        return "fallback/" + java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").format(start.atZone(ZONE))
                + "/" + uniqueId;
    }

    private static String recordingBase(String uniqueId, Instant start) {
        return ASTERISK_ROOT + "/" + relativeBase(uniqueId, start);
    }

    /** A line as cdr_custom.conf writes it: quoted text, epoch seconds with microseconds unquoted. */
    private static String line(String linkedId, String uniqueId, String answeredChannel, Instant start, Instant answer,
                               Instant end, String disposition, String fallback, String recording, Instant queued,
                               String queueStatus, String member, String waited) {
        return String.join(",", quote(linkedId), quote(uniqueId), quote("13800138000"),
                quote("PJSIP/carrier-00000000"), quote(answeredChannel), epoch(start), epoch(answer), epoch(end),
                quote(disposition), quote("12333"), quote(fallback), quote(recording),
                quote(queued == null ? "" : Long.toString(queued.getEpochSecond())), quote(queueStatus), quote(member),
                quote(waited));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static String epoch(Instant at) {
        return at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1000);
    }

    private void append(String... lines) throws IOException {
        Files.createDirectories(cdrFile.getParent());
        Files.writeString(cdrFile, String.join("\n", lines) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private Map<String, Object> call(String uniqueId) {
        return db.sql("SELECT * FROM calls WHERE node = 'central' AND unique_id = ?").param(uniqueId).query()
                .singleRow();
    }

    private int count(String uniqueId) {
        return db.sql("SELECT count(*) FROM calls WHERE unique_id = ?").param(uniqueId).query(Integer.class).single();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value instanceof Timestamp timestamp ? timestamp.toInstant()
                : value instanceof java.time.OffsetDateTime offset ? offset.toInstant() : (Instant) value;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
