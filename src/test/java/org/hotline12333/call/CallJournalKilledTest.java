package org.hotline12333.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.InstanceProcess;
import org.hotline12333.testkit.PostgresInstance;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The call journal across {@code kill -9}: an instance in a process of its own whose journal never writes on its own
 * beat (an interval of an hour), so that everything between a call's start and its end waits for the end. A burst
 * of callers reaches the queue; some hang up there (their end is written, with what happened before it), some stay
 * waiting, and more are arriving when the process is killed. After the take-over every call that has a record has
 * exactly one, closed once, and one recording.
 */
class CallJournalKilledTest {

    static final String AGENT = "68001";
    static final String USERNAME = "burst.agent68001";
    static final String PASSWORD = "agent-password-1";
    /** Waiting for an agent on music, or an agent's phone dialled for them: either way, in the queue. */
    static final Predicate<String> IN_THE_QUEUE = command -> command.startsWith("SET MUSIC ON")
            || command.startsWith("EXEC \"Dial\"");

    static ConfigurableApplicationContext survivor;
    static InstanceProcess doomed;
    static JdbcClient db;

    @BeforeAll
    static void startAnInstanceWhoseJournalWaitsForTheEnds() {
        PostgresInstance.Pair pair = PostgresInstance.shared();
        survivor = pair.first();
        db = JdbcClient.create(survivor.getBean(DataSource.class));
        doomed = InstanceProcess.start("journal-doomed", pair.url(),
                "--hotline.ivr.scripts-directory=" + InstanceProcess.scriptsOpenAllDay(),
                "--hotline.calls.journal-interval=1h");
    }

    @AfterAll
    static void stop() {
        if (survivor != null) {
            Http.on(port(survivor)).as(USERNAME, PASSWORD).post("/api/desk/state", "{\"action\":\"LOGOUT\"}");
        }
        if (doomed != null) {
            doomed.close();
        }
    }

    @Test
    void everyCallHasExactlyOneClosedRecordAfterAKillMidBurst() {
        // one agent logged in and on a break: callers for a person are queued, and wait
        Http admin = Http.on(doomed.httpPort()).as("admin", "test-admin-password");
        assertThat(admin.post("/api/users", "{\"username\":\"" + USERNAME + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"AGENT\"}").status()).isIn(200, 201);
        assertThat(admin.put("/api/routing/agents/" + AGENT, "{\"workNumber\":\"" + AGENT + "\",\"name\":\"坐席"
                + AGENT + "\",\"endpoint\":\"PJSIP/j" + AGENT + "\",\"username\":\"" + USERNAME
                + "\",\"skills\":{\"general\":5}}").status()).isEqualTo(200);
        Http desk = Http.on(doomed.httpPort()).as(USERNAME, PASSWORD);
        assertThat(desk.post("/api/desk/state", "{\"action\":\"LOGIN\"}").status()).isEqualTo(200);
        assertThat(desk.post("/api/desk/state", "{\"action\":\"PAUSE\"}").status()).isEqualTo(200);

        List<SimulatedCall> hungUp = new ArrayList<>();
        List<SimulatedCall> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hungUp.add(caller("1350001" + String.format("%04d", i)).hangUpDuring(IN_THE_QUEUE).start());
            waiting.add(caller("1350002" + String.format("%04d", i)).holdOn(IN_THE_QUEUE).start());
        }
        hungUp.forEach(call -> call.awaitEnd(Duration.ofSeconds(90)));
        waiting.forEach(call -> call.awaitHeld());
        // the ends of those who hung up are written, and with them what happened before (the journal's own beat is
        // an hour away)
        for (SimulatedCall call : hungUp) {
            assertThat(db.sql("SELECT count(*) FROM calls WHERE unique_id = ? AND ended_at IS NOT NULL"
                    + " AND queued_at IS NOT NULL AND outcome IS NOT NULL").param(call.uniqueId()).query(Integer.class)
                    .single()).as("closed record of %s, queued and with its outcome", call.uniqueId()).isEqualTo(1);
        }

        List<SimulatedCall> arriving = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            arriving.add(caller("1350003" + String.format("%04d", i)).holdOn(IN_THE_QUEUE).start());
        }
        doomed.kill();
        waiting.forEach(SimulatedCall::release);
        arriving.forEach(SimulatedCall::release);
        waiting.forEach(call -> call.awaitEnd(Duration.ofSeconds(60)));
        arriving.forEach(call -> call.awaitEnd(Duration.ofSeconds(60)));

        // the survivors take the dead instance over once its lease runs out, and close what it left open
        await(() -> db.sql("SELECT count(*) FROM calls WHERE handled_by = 'journal-doomed' AND ended_at IS NULL")
                .query(Integer.class).single() == 0);
        List<SimulatedCall> all = new ArrayList<>(hungUp);
        all.addAll(waiting);
        for (SimulatedCall call : all) {
            assertThat(records(call)).as("records of %s", call.uniqueId()).isEqualTo(1);
            assertThat(closedRecords(call)).as("closed records of %s", call.uniqueId()).isEqualTo(1);
        }
        for (SimulatedCall call : waiting) {
            assertThat(db.sql("SELECT ended_by FROM calls WHERE unique_id = ?").param(call.uniqueId())
                    .query(String.class).single()).isEqualTo("INSTANCE_LOST");
        }
        // arriving at the kill: a call the service had opened has one closed record; one it had not is Asterisk's
        for (SimulatedCall call : arriving) {
            assertThat(records(call)).as("records of %s", call.uniqueId()).isLessThanOrEqualTo(1);
            assertThat(closedRecords(call)).as("closed records of %s", call.uniqueId()).isEqualTo(records(call));
        }
        // the recordings too, those of the calls that had ended before the kill included
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(db.sql("SELECT c.unique_id, c.ended_by, r.state FROM recording r JOIN calls c"
                        + " ON c.id = r.call_id WHERE c.handled_by = 'journal-doomed'"
                        + " AND r.state NOT IN ('COMPLETE', 'FAILED')").query().listOfRows())
                        .as("recordings not closed").isEmpty());
        for (SimulatedCall call : all) {
            assertThat(db.sql("SELECT count(*) FROM recording r JOIN calls c ON c.id = r.call_id"
                    + " WHERE c.unique_id = ?").param(call.uniqueId()).query(Integer.class).single())
                    .as("recordings of %s", call.uniqueId()).isEqualTo(1);
        }
    }

    private static AgiStandIn caller(String number) {
        return AgiStandIn.call(doomed.agiPort()).script("ivr?menu=12333").from(number).keys("0")
                .events(StandInAsterisk.ami()).mixMonitorWritesLive();
    }

    private static int records(SimulatedCall call) {
        return db.sql("SELECT count(*) FROM calls WHERE unique_id = ?").param(call.uniqueId()).query(Integer.class)
                .single();
    }

    private static int closedRecords(SimulatedCall call) {
        return db.sql("SELECT count(*) FROM calls WHERE unique_id = ? AND ended_at IS NOT NULL")
                .param(call.uniqueId()).query(Integer.class).single();
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Other processes on a busy machine: generous, and polled. */
    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
