package org.hotline12333.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.hotline12333.call.CallEnded;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.InstanceProcess;
import org.hotline12333.testkit.PostgresInstance;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Three instances on one real PostgreSQL: two in this JVM and one in a process of its own. Four callers are on the
 * process (one talking with an agent, one whose agent's phone rings, one in the menu, one waiting in the queue) when
 * it is killed with {@code kill -9}. Asterisk (the stand-in) sees the FastAGI connections drop, as a real one hands
 * the callers to the dialplan's fallback. Once the dead instance's lease has run out exactly one survivor takes it
 * over: every call has exactly one record, closed once as INSTANCE_LOST, and exactly one recording, checked and
 * hashed; both agents are free again; and the survivors' floors, which showed the calls, drop them.
 */
class InstanceKilledTest {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String GROUP = "general";

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static InstanceProcess doomed;
    static JdbcClient db;

    /** The shared pair of instances, and a third in its own process on their database. */
    @BeforeAll
    static void startThreeInstances() {
        PostgresInstance.Pair pair = PostgresInstance.shared();
        first = pair.first();
        second = pair.second();
        db = JdbcClient.create(first.getBean(DataSource.class));
        doomed = InstanceProcess.start("kill-doomed", pair.url(),
                "--hotline.ivr.scripts-directory=" + InstanceProcess.scriptsOpenAllDay());
    }

    @AfterAll
    static void stop() {
        if (doomed != null) {
            doomed.close();
        }
    }

    @Test
    void everyCallOfAKilledInstanceIsClosedOnceWithOneRecordingByASurvivor() {
        // the agents are set up and log in on the doomed instance, whose router then knows them at once
        Http admin = Http.on(doomed.httpPort()).as(ADMIN, ADMIN_PASSWORD);
        String talking = agent(admin, "67001");
        String ringing = agent(admin, "67002");

        login(talking);
        awaitReadyOn(doomed.httpPort(), talking);
        // the agent answers, and the caller's Dial is held there: they talk until the test ends it
        AgiStandIn.SimulatedCall conversation = caller("13500000001").holdOn("EXEC \"Dial\"")
                .dialing(endpoint -> AgiStandIn.DialOutcome.answeredUntilHungUp()).start();
        conversation.awaitHeld();
        awaitAgent(talking, "ON_CALL");

        AgiStandIn.SimulatedCall inMenu = AgiStandIn.call(doomed.agiPort()).script("ivr?menu=12333")
                .from("13500000003").events(StandInAsterisk.ami()).mixMonitorWritesLive()
                .holdOn("STREAM FILE \"hotline/main-menu\"").start();
        inMenu.awaitHeld();

        login(ringing);
        awaitReadyOn(doomed.httpPort(), ringing);
        AgiStandIn.SimulatedCall rings = caller("13500000002").holdOn("EXEC \"Dial\"")
                .dialing(endpoint -> AgiStandIn.DialOutcome.notAnswered("NOANSWER")).start();
        rings.awaitHeld();
        awaitAgent(ringing, "RESERVED");

        // 0 for a person, and nothing more: a key during the music would ask for a callback
        AgiStandIn.SimulatedCall queued = AgiStandIn.call(doomed.agiPort()).script("ivr?menu=12333")
                .from("13500000004").keys("0").events(StandInAsterisk.ami()).mixMonitorWritesLive().start();
        awaitUntil(() -> queued.commands().stream().anyMatch(command -> command.startsWith("SET MUSIC ON")));

        List<AgiStandIn.SimulatedCall> calls = List.of(conversation, rings, inMenu, queued);
        List<String> callIds = new ArrayList<>();
        for (AgiStandIn.SimulatedCall call : calls) {
            callIds.add(db.sql("SELECT id FROM calls WHERE unique_id = ?").param(call.uniqueId())
                    .query(String.class).single());
        }
        // the survivors' floors show the doomed instance's calls (shared over LISTEN/NOTIFY)
        awaitUntil(() -> floorCallIds(first).containsAll(callIds) && floorCallIds(second).containsAll(callIds));
        assertThat(db.sql("SELECT DISTINCT handled_by FROM calls WHERE id IN (?, ?, ?, ?)").params(callIds.toArray())
                .query(String.class).list()).containsExactly("kill-doomed");

        doomed.kill();
        // Asterisk's side: the sessions drop; the caller talking and the one ringing stay with their phones (in the
        // fallback) until they hang up
        conversation.hangUpNow();
        conversation.release();
        rings.release();
        inMenu.release();
        calls.forEach(call -> call.awaitEnd(Duration.ofSeconds(60)));

        awaitUntil(() -> db.sql("SELECT count(*) FROM recording WHERE call_id IN (?, ?, ?, ?) AND state = 'RECORDING'")
                .params(callIds.toArray()).query(Integer.class).single() == 0
                && db.sql("SELECT count(*) FROM calls WHERE id IN (?, ?, ?, ?) AND ended_at IS NULL")
                .params(callIds.toArray()).query(Integer.class).single() == 0);

        Map<String, Object> lost = db.sql("SELECT stopped_at, taken_over_by FROM service_instance WHERE name = ?")
                .param("kill-doomed").query().singleRow();
        assertThat(lost.get("stopped_at")).as("a killed instance never says it stopped").isNull();
        assertThat((String) lost.get("taken_over_by")).isIn("pg-a", "pg-b");
        for (int i = 0; i < calls.size(); i++) {
            String callId = callIds.get(i);
            assertThat(db.sql("SELECT count(*) FROM calls WHERE unique_id = ?").param(calls.get(i).uniqueId())
                    .query(Integer.class).single()).as("records of call %s", callId).isEqualTo(1);
            assertThat(db.sql("SELECT ended_by FROM calls WHERE id = ?").param(callId).query(String.class).single())
                    .isEqualTo("INSTANCE_LOST");
            assertThat(db.sql("SELECT state FROM recording WHERE call_id = ?").param(callId).query(String.class)
                    .list()).as("recordings of call %s", callId).containsExactly("COMPLETE");
            assertThat(db.sql("SELECT f.sha256 FROM recording_file f JOIN recording r ON r.id = f.recording_id"
                    + " WHERE r.call_id = ? AND f.leg = 'MIXED'").param(callId).query(String.class).single())
                    .hasSize(64);
            long ended = endedEvents(first, callId) + endedEvents(second, callId);
            assertThat(ended).as("CallEnded for %s in the whole cluster", callId).isEqualTo(1);
        }
        awaitAgent(ringing, "READY");
        assertThat(agentState(talking)).isIn("WRAP_UP", "READY");
        awaitUntil(() -> floorCallIds(first).stream().noneMatch(callIds::contains)
                && floorCallIds(second).stream().noneMatch(callIds::contains));
    }

    // ------------------------------------------------------------------ helpers

    private static AgiStandIn caller(String number) {
        return AgiStandIn.call(doomed.agiPort()).script("ivr?menu=12333").from(number).keys("0").keys("1")
                .events(StandInAsterisk.ami()).mixMonitorWritesLive();
    }

    private static String agent(Http admin, String workNumber) {
        assertThat(admin.post("/api/users", "{\"username\":\"" + username(workNumber) + "\",\"password\":"
                + "\"agent-password-1\",\"role\":\"AGENT\"}").status()).isIn(200, 201);
        assertThat(admin.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber
                + "\",\"name\":\"坐席" + workNumber + "\",\"endpoint\":\"PJSIP/k" + workNumber + "\",\"username\":\""
                + username(workNumber) + "\",\"skills\":{\"" + GROUP + "\":5}}").status()).isEqualTo(200);
        return workNumber;
    }

    private static void login(String workNumber) {
        Http desk = Http.on(doomed.httpPort()).as(username(workNumber), "agent-password-1");
        assertThat(desk.post("/api/desk/state", "{\"action\":\"LOGIN\"}").status()).isEqualTo(200);
    }

    private static String username(String workNumber) {
        return "kill.agent" + workNumber;
    }

    /** The instance's routing has read the agent READY from the database. */
    private static void awaitReadyOn(int port, String workNumber) {
        Http admin = Http.on(port).as(ADMIN, ADMIN_PASSWORD);
        awaitUntil(() -> {
            for (JsonNode agent : admin.get("/api/supervision/floor").json().path("agents")) {
                if (agent.path("workNumber").asString().equals(workNumber)) {
                    return agent.path("state").asString().equals("READY");
                }
            }
            return false;
        });
    }

    private static void awaitAgent(String workNumber, String state) {
        awaitUntil(() -> agentState(workNumber).equals(state));
    }

    private static String agentState(String workNumber) {
        return db.sql("SELECT state FROM agent WHERE work_number = ?").param(workNumber).query(String.class).single();
    }

    private static List<String> floorCallIds(ConfigurableApplicationContext instance) {
        List<String> ids = new ArrayList<>();
        for (JsonNode call : http(instance).get("/api/supervision/floor").json().path("calls")) {
            ids.add(call.path("callId").asString());
        }
        return ids;
    }

    private static long endedEvents(ConfigurableApplicationContext instance, String callId) {
        return instance.getBean(RecordedEvents.class).ofType(CallEnded.class, e -> e.callId().equals(callId)).size();
    }

    private static Http http(ConfigurableApplicationContext instance) {
        return Http.on(port(instance)).as(ADMIN, ADMIN_PASSWORD);
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static void awaitUntil(java.util.concurrent.Callable<Boolean> condition) {
        await().until(condition);
    }

    /** Other instances and processes, on a busy machine: generous, and polled. */
    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200));
    }
}
