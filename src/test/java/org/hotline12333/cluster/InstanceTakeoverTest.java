package org.hotline12333.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.EndedBy;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.Wav;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An instance that stopped renewing its lease (killed, frozen, cut off from the database) leaves calls open, a
 * recording in progress and agents claimed. Once its lease has run out the running instance takes it over: each of
 * its calls is closed once as INSTANCE_LOST, the recording is checked and closed like any other, the agent whose
 * phone rang for it is READY again and the one talking goes to wrap-up, and a callback whose agent it was ringing is
 * dialled again. What belongs to a living instance is left alone. The lost instance's rows are written here as it
 * would have left them; the real kill of a real process is {@code InstanceKilledTest}.
 */
@HotlineTest
class InstanceTakeoverTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    @Autowired
    JdbcClient db;
    @Autowired
    RecordedEvents events;
    @Autowired
    ServiceInstances instances;

    private final String ghost = "ghost-" + UUID.randomUUID().toString().substring(0, 8);
    private final String living = "living-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stopTheLivingOne() {
        db.sql("UPDATE service_instance SET stopped_at = ? WHERE name = ?").params(ts(Instant.now()), living).update();
    }

    @Test
    void aSurvivorClosesWhatALostInstanceLeftOpenOnceItsLeaseRunsOut() throws IOException {
        Instant now = Instant.now();
        instance(ghost, now.minus(Duration.ofMinutes(1)));
        instance(living, now.plus(Duration.ofHours(1)));
        String talking = openCall(ghost, now.minusSeconds(90));
        String inMenu = openCall(ghost, now.minusSeconds(20));
        String elsewhere = openCall(living, now.minusSeconds(30));
        String recording = recordingOf(talking, now.minusSeconds(89));
        String ringing = agent("RESERVED", inMenu, ghost);
        String onCall = agent("ON_CALL", talking, ghost);
        String othersAgent = agent("ON_CALL", elsewhere, living);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(endedBy(talking)).isEqualTo(EndedBy.INSTANCE_LOST.name());
            assertThat(endedBy(inMenu)).isEqualTo(EndedBy.INSTANCE_LOST.name());
            assertThat(recordingState(recording)).isEqualTo("COMPLETE");
            assertThat(agentState(ringing)).isEqualTo("READY");
            assertThat(agentState(onCall)).isIn("WRAP_UP", "READY");
        });

        assertThat(events.ofType(CallEnded.class, e -> e.callId().equals(talking) || e.callId().equals(inMenu)))
                .extracting(CallEnded::callId).containsExactlyInAnyOrder(talking, inMenu);
        assertThat(db.sql("SELECT end_reason FROM calls WHERE id = ?").param(talking).query(String.class).single())
                .contains(ghost).contains("closed by test");
        assertThat(instances.all()).filteredOn(i -> i.name().equals(ghost)).singleElement()
                .satisfies(i -> {
                    assertThat(i.takenOverBy()).isEqualTo("test");
                    assertThat(i.alive()).isFalse();
                });
        assertThat(db.sql("SELECT sha256 FROM recording_file WHERE recording_id = ? AND leg = 'MIXED'")
                .param(recording).query(String.class).single()).hasSize(64);
        assertThat(db.sql("SELECT note FROM agent_state_change WHERE work_number = ? ORDER BY id DESC")
                .param(ringing).query(String.class).list().get(0)).contains(ghost);

        assertThat(endedBy(elsewhere)).as("a living instance's call").isNull();
        assertThat(agentState(othersAgent)).isEqualTo("ON_CALL");
        assertThat(instances.isAlive(living)).isTrue();
        assertThat(instances.takeOverLost()).as("nothing left to take over").isZero();
    }

    @Test
    void aCallbackWhoseAgentALostInstanceWasRingingIsDialledAgainButNotOneTheAgentAnswered() {
        long rung = callback(null);
        String ringing = agent("RESERVED", "callback-" + rung, ghost);
        long answered = callback(UUID.randomUUID().toString());
        String talking = agent("ON_CALL", "callback-" + answered, ghost);
        ringFor(rung, ringing);
        ringFor(answered, talking);
        instance(ghost, Instant.now().minus(Duration.ofMinutes(1)));

        // the citizen was never called: the survivor rings the agent again for them
        Map<String, String> again = await("a survivor's Originate to the agent's phone")
                .atMost(Duration.ofSeconds(60)).until(
                () -> StandInAsterisk.ami().actions("Originate").stream()
                        .filter(a -> a.getOrDefault("Channel", "").contains("PJSIP/g" + ringing)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(again.get("Variable")).contains("HOTLINE_OUTBOUND=callback?id=" + rung);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                db.sql("SELECT status, attempts, claimed_by FROM callback_request WHERE id = ?").param(rung).query()
                        .singleRow()).containsEntry("status", "DIALLED").containsEntry("attempts", 2)
                .containsEntry("claimed_by", "test"));

        // the agent had answered: the citizen's call was under way, and is not made twice
        assertThat(db.sql("SELECT status, attempts FROM callback_request WHERE id = ?").param(answered).query()
                .singleRow()).containsEntry("status", "DIALLED").containsEntry("attempts", 1);
        assertThat(StandInAsterisk.ami().actions("Originate")).noneMatch(
                a -> a.getOrDefault("Channel", "").contains("PJSIP/g" + talking));

        // the agent does not answer this time either; the callback is given up, so it rings nobody after this test
        db.sql("UPDATE callback_request SET status = 'FAILED' WHERE id = ?").param(rung).update();
        StandInAsterisk.ami().originateFails(again, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> agentState(ringing).equals("PAUSED"));
    }

    private void instance(String name, Instant heartbeat) {
        db.sql("INSERT INTO service_instance (name, incarnation, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")
                .params(name, UUID.randomUUID().toString(), ts(heartbeat.minus(Duration.ofHours(2))), ts(heartbeat))
                .update();
    }

    private String openCall(String instance, Instant startedAt) {
        String id = UUID.randomUUID().toString();
        db.sql("INSERT INTO calls (id, node, unique_id, channel, caller_number, dialled_number, script, handled_by,"
                        + " started_at) VALUES (?, 'central', ?, 'PJSIP/carrier-00000001', '13800138000', '12333', 'ivr',"
                        + " ?, ?)")
                .params(id, "1763990000." + Math.abs(id.hashCode()), instance, ts(startedAt)).update();
        return id;
    }

    /** A recording in progress: its row, and its three files as MixMonitor left them. */
    private String recordingOf(String callId, Instant startedAt) throws IOException {
        String id = UUID.randomUUID().toString();
        String base = DAY.format(startedAt.atZone(ZoneId.systemDefault())) + "/central/" + callId;
        db.sql("INSERT INTO recording (id, call_id, node, unique_id, state, started_at) VALUES (?, ?, 'central',"
                + " 'ghost', 'RECORDING', ?)").params(id, callId, ts(startedAt)).update();
        for (Map.Entry<String, String> leg : Map.of("MIXED", "", "CALLER", "-caller", "OTHER", "-other").entrySet()) {
            String path = base + leg.getValue() + ".wav";
            Path file = StandInAsterisk.recordingsRoot().resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, Wav.silence(2));
            db.sql("INSERT INTO recording_file (recording_id, leg, path) VALUES (?, ?, ?)")
                    .params(id, leg.getKey(), path).update();
        }
        return id;
    }

    private String agent(String state, String callId, String instance) {
        String workNumber = "9" + Math.abs(UUID.randomUUID().hashCode() % 10_000_000);
        Timestamp since = ts(Instant.now().minusSeconds(30));
        db.sql("INSERT INTO agent (work_number, name, endpoint, node, state, state_since, call_id)"
                        + " VALUES (?, ?, ?, 'central', ?, ?, ?)")
                .params(workNumber, "Agent " + workNumber, "PJSIP/g" + workNumber, state, since, callId).update();
        for (List<String> change : List.of(List.of("LOGGED_OUT", "READY"), List.of("READY", state))) {
            db.sql("INSERT INTO agent_state_change (work_number, from_state, to_state, call_id, at, instance)"
                    + " VALUES (?, ?, ?, ?, ?, ?)").params(workNumber, change.get(0), change.get(1),
                    change.get(1).equals("READY") ? null : callId, since, instance).update();
        }
        return workNumber;
    }

    /**
     * A callback a lost instance had rung an agent for (DIALLED, its first attempt): answered if it has its call.
     * Its agent is set by {@link #ringFor}.
     */
    private long callback(String outboundCallId) {
        Timestamp at = ts(Instant.now().minusSeconds(20));
        String callId = UUID.randomUUID().toString();
        db.sql("INSERT INTO callback_request (call_id, caller_number, skill_group, priority, requested_at, status,"
                        + " attempts, next_attempt, claimed_by, updated_at, outbound_call_id)"
                        + " VALUES (?, '13800138000', 'personnel', 0, ?, 'DIALLED', 1, ?, ?, ?, ?)")
                .params(callId, at, at, ghost, at, outboundCallId).update();
        return db.sql("SELECT id FROM callback_request WHERE call_id = ?").param(callId).query(Long.class).single();
    }

    /** The callback is for this agent, whose phone the lost instance rang for it. */
    private void ringFor(long callback, String workNumber) {
        db.sql("UPDATE callback_request SET agent = ?, wanted_agent = ? WHERE id = ?")
                .params(workNumber, workNumber, callback).update();
    }

    private String endedBy(String callId) {
        return db.sql("SELECT ended_by FROM calls WHERE id = ?").param(callId).query(String.class).list().get(0);
    }

    private String recordingState(String id) {
        return db.sql("SELECT state FROM recording WHERE id = ?").param(id).query(String.class).single();
    }

    private String agentState(String workNumber) {
        return db.sql("SELECT state FROM agent WHERE work_number = ?").param(workNumber).query(String.class).single();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
