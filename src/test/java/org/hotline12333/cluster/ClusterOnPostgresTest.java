package org.hotline12333.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.PostgresInstance;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two instances on one real PostgreSQL. A caller's call lives on the instance holding their AGI session, but the
 * floor of the other instance shows it too (shared through LISTEN/NOTIFY), and an agent's transfer or a
 * supervisor's listening reaching the other instance is run by the holder: the user gets the holder's answer. A
 * request for an instance that is gone times out and is never run.
 */
class ClusterOnPostgresTest {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password";

    /** The shared pair: the caller's call is on the first, the users reach the second. */
    final ConfigurableApplicationContext holder = PostgresInstance.shared().first();
    final ConfigurableApplicationContext other = PostgresInstance.shared().second();

    @Test
    void theOtherInstanceShowsTheCallAndForwardsTheAgentsAndSupervisorsActionsToItsHolder() {
        AmiStandIn ami = StandInAsterisk.ami();
        // agents are set up and log in on the holder, whose router then knows them at once; their requests about
        // the call go to the other instance
        Http admin = http(holder).as(ADMIN, ADMIN_PASSWORD);
        String group = "cl-pension";
        assertThat(admin.put("/api/routing/groups/" + group, "{\"code\":\"" + group + "\",\"name\":\"养老\","
                + "\"wrapUp\":\"PT0S\"}").status()).isEqualTo(200);
        Http first = agent(admin, "66101", group, 3);
        Http target = agent(admin, "66102", group, 1);
        assertThat(first.post("/api/desk/state", "{\"action\":\"LOGIN\"}").status()).isEqualTo(200);
        awaitSeenReady(holder, "66101");

        Caller caller = call(holder, group);
        String callId = caller.callId();
        await().until(() -> "ON_CALL".equals(first.get("/api/desk").json().path("state").asString()));

        // the call is on the holder; the other instance's floor shows it as the holder sees it
        await().untilAsserted(() -> {
            JsonNode shown = floorCall(other, callId);
            assertThat(shown).isNotNull();
            assertThat(shown.path("stage").asString()).isEqualTo("TALKING");
            assertThat(shown.path("agent").asString()).isEqualTo("66101");
        });
        assertThat(holder.getBean(CallRecords.class).holder(callId)).contains("pg-a");

        // the holder answers for its call: the other instance alone would say the call is not on it
        Http.Response notNow = http(other).as("cl.agent66101", "agent-password-1").post("/api/desk/transfer/complete", "");
        assertThat(notNow.status()).isEqualTo(409);
        assertThat(notNow.json().path("detail").asString())
                .isEqualTo("no attended transfer in progress on agent 66101's call");

        // listening in, asked of the other instance, is started by the holder
        Http supervisor = supervisor(other);
        int originates = ami.actions("Originate").size();
        Http.Response monitor = supervisor.post("/api/supervision/monitor", "{\"callId\":\"" + callId
                + "\",\"mode\":\"LISTEN\"}");
        assertThat(monitor.status()).as(monitor.body()).isEqualTo(201);
        assertThat(monitor.json().path("callId").asString()).isEqualTo(callId);
        await().until(() -> ami.actions("Originate").size() > originates);
        assertThat(ami.actions("Originate").get(originates)).containsEntry("Application", "ChanSpy");
        assertThat(commandsRunBy("pg-a")).contains("monitor", "desk");

        // a blind transfer asked of the other instance: the holder hangs up the first agent and puts the caller
        // through to the target
        assertThat(target.post("/api/desk/state", "{\"action\":\"READY\"}").status()).isEqualTo(200);
        awaitSeenReady(holder, "66102");
        int hangups = ami.actions("Hangup").size();
        Http.Response blind = http(other).as("cl.agent66101", "agent-password-1").post("/api/desk/transfer",
                "{\"mode\":\"BLIND\",\"agent\":\"66102\"}");
        assertThat(blind.status()).as(blind.body()).isEqualTo(202);
        await().until(() -> ami.actions("Hangup").size() > hangups);
        await().untilAsserted(() -> assertThat(floorCall(holder, callId).path("agent").asString()).as("on the holder")
                .isEqualTo("66102"));
        await().untilAsserted(() -> assertThat(floorCall(other, callId).path("agent").asString()).as("shared")
                .isEqualTo("66102"));

        // the supervisor, on the other instance, ends the call: the holder releases it, and the other floor drops it
        Http.Response release = supervisor.post("/api/supervision/calls/" + callId + "/release",
                "{\"reason\":\"cluster test\"}");
        assertThat(release.status()).as(release.body()).isEqualTo(202);
        assertThat(release.json().path("kind").asString()).isEqualTo("RELEASE");
        assertThat(commandsRunBy("pg-a")).contains("release");
        await().until(caller.session::ended);
        await().untilAsserted(() -> assertThat(floorCall(other, callId)).isNull());
        assertThat(holder.getBean(CallRecords.class).find(callId).orElseThrow().endReason())
                .startsWith("released by supervisor cl.lead");
    }

    @Test
    void aRequestForAnInstanceThatIsGoneIsNeverRun() {
        InstanceCommands commands = other.getBean(InstanceCommands.class);

        CommandReply reply = commands.send("pg-gone", "desk", "{}", "cl.nobody");

        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.body()).contains("pg-gone");
        assertThat(JdbcClient.create(other.getBean(javax.sql.DataSource.class))
                .sql("SELECT state FROM instance_command WHERE target = 'pg-gone'").query(String.class).list())
                .containsExactly("EXPIRED");
    }

    // ------------------------------------------------------------------ helpers

    private record Caller(AgiStandIn.SimulatedCall session, CompletableFuture<RoutingResult> result,
                          RecordedEvents events) {
        String callId() {
            return events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        }
    }

    /** A caller routed to the group on this instance; every agent's phone answers and talks until hung up. */
    private Caller call(ConfigurableApplicationContext instance, String group) {
        CompletableFuture<RoutingResult> result = new CompletableFuture<>();
        String scenario = "cluster-" + System.nanoTime();
        CallRouting routing = instance.getBean(CallRouting.class);
        instance.getBean(ScriptedCalls.class).register(scenario, call -> {
            call.answer();
            result.complete(routing.connect(call, RouteRequest.toGroup(group)));
        });
        int port = instance.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
        AgiStandIn.SimulatedCall session = AgiStandIn.call(port).script(ScriptedCalls.SCRIPT + "?scenario=" + scenario)
                .from("13500001111").events(StandInAsterisk.ami())
                .dialing(endpoint -> AgiStandIn.DialOutcome.answeredUntilHungUp()).start();
        return new Caller(session, result, instance.getBean(RecordedEvents.class));
    }

    private Http agent(Http admin, String workNumber, String group, int level) {
        String username = "cl.agent" + workNumber;
        holder.getBean(Users.class).create(username, "agent-password-1", Role.AGENT);
        assertThat(admin.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber + "\",\"name\":\"坐席"
                + workNumber + "\",\"endpoint\":\"PJSIP/c" + workNumber + "\",\"username\":\"" + username
                + "\",\"skills\":{\"" + group + "\":" + level + "}}").status()).isEqualTo(200);
        return http(holder).as(username, "agent-password-1");
    }

    private static Http supervisor(ConfigurableApplicationContext instance) {
        instance.getBean(Users.class).create("cl.lead", "supervisor-password-1", Role.SUPERVISOR);
        Http supervisor = http(instance).as("cl.lead", "supervisor-password-1");
        assertThat(supervisor.put("/api/supervision/phone", "{\"endpoint\":\"PJSIP/2001\"}").status()).isEqualTo(200);
        return supervisor;
    }

    /** The instance's routing has read the agent READY from the database. */
    private static void awaitSeenReady(ConfigurableApplicationContext instance, String workNumber) {
        Http admin = http(instance).as(ADMIN, ADMIN_PASSWORD);
        await().until(() -> {
            for (JsonNode agent : admin.get("/api/supervision/floor").json().path("agents")) {
                if (agent.path("workNumber").asString().equals(workNumber)) {
                    return agent.path("state").asString().equals("READY");
                }
            }
            return false;
        });
    }

    private static JsonNode floorCall(ConfigurableApplicationContext instance, String callId) {
        for (JsonNode call : http(instance).as(ADMIN, ADMIN_PASSWORD).get("/api/supervision/floor").json().path("calls")) {
            if (call.path("callId").asString().equals(callId)) {
                return call;
            }
        }
        return null;
    }

    private java.util.List<String> commandsRunBy(String instance) {
        return JdbcClient.create(other.getBean(javax.sql.DataSource.class))
                .sql("SELECT kind FROM instance_command WHERE target = ? AND state = 'DONE' ORDER BY id")
                .param(instance).query(String.class).list();
    }

    private static Http http(ConfigurableApplicationContext instance) {
        return Http.on(instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    /** Waits on another instance, on a busy machine. */
    private static org.awaitility.core.ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30));
    }
}
