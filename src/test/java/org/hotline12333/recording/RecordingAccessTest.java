package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Searching, playing and downloading recordings over HTTP: who may, what they get, and the access log. The agent
 * of a call is set in the table directly until routing records it on the Call.
 */
@HotlineTest
class RecordingAccessTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Recordings service;

    @Autowired
    Users users;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int httpPort;

    RecordingFixture fixture;
    Http supervisor;
    /** Two agents, made once: each sign-in costs a BCrypt check, each user a BCrypt hash. */
    static String agentA;
    static String agentB;

    @BeforeEach
    void setUp() {
        fixture = new RecordingFixture(context);
        supervisor = fixture.supervisor();
        if (agentA == null) {
            agentA = newAgent();
            agentB = newAgent();
        }
    }

    @Test
    void supervisorsSearchByDateRangeAgentCallerDurationAndScore() {
        RecordingView first = recordingOf(agentA, "13911112222");
        RecordingView second = recordingOf(agentB, "13933334444");
        service.recordScore(first.id(), new BigDecimal("95"), "quality");
        service.recordScore(second.id(), new BigDecimal("60"), "quality");
        Instant start = first.startedAt();
        Instant end = second.startedAt().plusMillis(1);
        String range = "from=" + start + "&to=" + end;

        assertThat(ids("/api/recordings?" + range)).containsExactly(second.id(), first.id());
        assertThat(ids("/api/recordings?" + range + "&agent=" + agentA)).containsExactly(first.id());
        assertThat(ids("/api/recordings?" + range + "&caller=13933334444")).containsExactly(second.id());
        assertThat(ids("/api/recordings?" + range + "&minScore=90")).containsExactly(first.id());
        assertThat(ids("/api/recordings?" + range + "&maxScore=70")).containsExactly(second.id());
        assertThat(ids("/api/recordings?" + range + "&minSeconds=0.9&maxSeconds=1.1"))
                .containsExactly(second.id(), first.id());
        assertThat(ids("/api/recordings?" + range + "&minSeconds=2")).isEmpty();
        assertThat(ids("/api/recordings?from=" + end)).doesNotContain(first.id(), second.id());
        assertThat(supervisor.get("/api/recordings?from=" + end + "&to=" + start).status()).isEqualTo(400);
    }

    @Test
    void anAgentFindsAndHearsOnlyTheirOwnCallsAndGets403ForAnothers() {
        RecordingView mine = recordingOf(agentA, "13955556666");
        RecordingView theirs = recordingOf(agentB, "13955557777");
        Http agent = fixture.as("agent-" + agentA, "agent-password-1");

        assertThat(ids(agent, "/api/recordings")).contains(mine.id()).doesNotContain(theirs.id());
        assertThat(agent.get("/api/recordings?agent=" + agentB).status()).isEqualTo(403);
        assertThat(agent.get("/api/recordings/" + mine.id()).status()).isEqualTo(200);
        assertThat(agent.getBytes("/api/recordings/" + mine.id() + "/audio").status()).isEqualTo(200);
        assertThat(agent.get("/api/recordings/" + theirs.id()).status()).isEqualTo(403);
        Http.BinaryResponse refused = agent.getBytes("/api/recordings/" + theirs.id() + "/audio?leg=caller");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(new String(refused.body())).doesNotContain("RIFF");
        assertThat(agent.post("/api/recordings/maintenance/sweep", "").status()).isEqualTo(403);
        assertThat(agent.get("/api/recordings/access-log").status()).isEqualTo(403);

        JsonNode log = supervisor.get("/api/recordings/access-log?recording=" + theirs.id()).json();
        assertThat(log.get(0).path("action").asString()).isEqualTo("DENIED");
        assertThat(log.get(0).path("username").asString()).isEqualTo("agent-" + agentA);
        assertThat(log.get(0).path("detail").asString()).isEqualTo("play caller");
    }

    @Test
    void aRangeRequestIsAnsweredWith206AndExactlyTheBytesAsked() throws IOException {
        RecordingView recording = recordingOf(agentA, "13966667777");
        byte[] file = Files.readAllBytes(fileOf(recording, Leg.CALLER));

        Http.BinaryResponse part = supervisor.getBytes("/api/recordings/" + recording.id() + "/audio?leg=caller",
                "Range", "bytes=100-1099");
        Http.BinaryResponse tail = supervisor.getBytes("/api/recordings/" + recording.id() + "/audio?leg=caller",
                "Range", "bytes=-44");
        Http.BinaryResponse whole = supervisor.getBytes("/api/recordings/" + recording.id() + "/audio?leg=caller");

        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-1099/" + file.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100, 1100));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 44, file.length));
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.header("Content-Type")).isEqualTo("audio/wav");
        assertThat(whole.header("Cache-Control")).isEqualTo("no-store");
        assertThat(whole.body()).isEqualTo(file);
        assertThat(supervisor.getBytes("/api/recordings/" + recording.id() + "/audio", "Range",
                "bytes=99999999-").status()).isEqualTo(416);
    }

    @Test
    void everyPlayAndDownloadIsInTheAccessLogWithWhoWhichWhenAndWhere() throws IOException {
        RecordingView recording = recordingOf(agentA, "13977778888");
        Http agent = fixture.as("agent-" + agentA, "agent-password-1");
        Instant before = Instant.now().minusSeconds(1);

        Http.BinaryResponse download = agent.getBytes("/api/recordings/" + recording.id()
                + "/audio?leg=other&download=true");
        agent.getBytes("/api/recordings/" + recording.id() + "/audio", "Range", "bytes=0-99");
        supervisor.get("/api/recordings/" + recording.id());

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + recording.callId() + "-other.wav\"");
        assertThat(download.body()).isEqualTo(Files.readAllBytes(fileOf(recording, Leg.OTHER)));
        JsonNode log = supervisor.get("/api/recordings/access-log?recording=" + recording.id()).json();
        assertThat(log.size()).isEqualTo(3);
        assertThat(entry(log.get(0))).isEqualTo(List.of("VIEW", "admin", recording.id(), recording.callId(),
                "127.0.0.1"));
        assertThat(entry(log.get(1))).isEqualTo(List.of("PLAY", "agent-" + agentA, recording.id(), recording.callId(),
                "127.0.0.1"));
        assertThat(log.get(1).path("detail").asString()).isEqualTo("mixed bytes=0-99");
        assertThat(entry(log.get(2))).isEqualTo(List.of("DOWNLOAD", "agent-" + agentA, recording.id(), recording.callId(),
                "127.0.0.1"));
        for (JsonNode entry : log) {
            assertThat(Instant.parse(entry.path("at").asString())).isAfter(before).isBefore(Instant.now());
        }
    }

    @Test
    void noRequestReachesOutsideTheRecordingsDirectory() throws IOException {
        RecordingView recording = recordingOf(agentA, "13988889999");
        String audio = "/api/recordings/" + recording.id() + "/audio";
        List<String> attempts = List.of(
                "/api/recordings/..%2F..%2F..%2Fetc%2Fpasswd/audio",
                "/api/recordings/../../../etc/passwd",
                "/api/recordings/%2e%2e%2f%2e%2e%2fetc%2fpasswd/audio",
                "/api/recordings/..%5C..%5Cetc%5Cpasswd/audio",
                "/api/recordings/" + recording.id() + "%00/audio",
                audio + "?leg=../../../../etc/passwd",
                audio + "?leg=%2Fetc%2Fpasswd",
                "/api/recordings/access-log?recording=../../etc/passwd");
        for (String attempt : attempts) {
            Http.BinaryResponse response = supervisor.getBytes(attempt);
            assertThat(response.status()).as(attempt).isEqualTo(400);
            assertThat(new String(response.body())).as(attempt).doesNotContain("root:");
        }

        jdbc.update("update recording_file set path = ? where recording_id = ? and leg = 'CALLER'",
                "../../../../../../../../etc/passwd", recording.id());
        assertThat(supervisor.getBytes(audio + "?leg=caller").status()).isEqualTo(404);
        Path link = fileOf(recording, Leg.OTHER).resolveSibling(recording.callId() + "-link.wav");
        Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        jdbc.update("update recording_file set path = ? where recording_id = ? and leg = 'OTHER'",
                StandInAsterisk.recordingsRoot().relativize(link).toString(), recording.id());
        Http.BinaryResponse viaLink = supervisor.getBytes(audio + "?leg=other");
        assertThat(viaLink.status()).isEqualTo(404);
        assertThat(new String(viaLink.body())).doesNotContain("root:");
        assertThat(supervisor.getBytes(audio).status()).as("the untouched leg still plays").isEqualTo(200);
        Files.delete(link);
    }

    @Test
    void unknownAndMalformedRecordingIdsAreClearErrors() {
        assertThat(supervisor.get("/api/recordings/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(supervisor.getBytes("/api/recordings/" + UUID.randomUUID() + "/audio").status()).isEqualTo(404);
        Http.Response malformed = supervisor.get("/api/recordings/not-an-id");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("detail").asString()).isEqualTo("not a recording id");
        assertThat(supervisor.get("/api/recordings?limit=0").status()).isEqualTo(400);
    }

    /** A complete recording of a call from this number, filed under this agent. */
    private RecordingView recordingOf(String agent, String caller) {
        RecordingView recording = fixture.closed(fixture.call(call -> call.from(caller)));
        assertThat(recording.state()).isEqualTo(RecordingState.COMPLETE);
        jdbc.update("update recording set agent = ? where id = ?", agent, recording.id());
        return service.find(recording.id()).orElseThrow();
    }

    /** An agent linked to a user account of their own; returns the work number (the user name is agent-<it>). */
    private String newAgent() {
        return TestAgent.create(httpPort).workNumber();
    }

    private List<String> ids(String path) {
        return ids(supervisor, path);
    }

    private static List<String> ids(Http http, String path) {
        Http.Response response = http.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(r -> ids.add(r.path("id").asString()));
        return ids;
    }

    private static List<String> entry(JsonNode entry) {
        return List.of(entry.path("action").asString(), entry.path("username").asString(),
                entry.path("recordingId").asString(), entry.path("callId").asString(),
                entry.path("address").asString());
    }

    private static Path fileOf(RecordingView recording, Leg leg) {
        return StandInAsterisk.recordingsRoot().resolve(recording.files().get(leg).path());
    }
}
