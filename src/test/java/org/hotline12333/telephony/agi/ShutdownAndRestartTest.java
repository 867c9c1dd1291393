package org.hotline12333.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hotline12333.HotlineApplication;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.NewCall;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping and starting the service for real: calls in progress finish within the grace period or are handed
 * back to Asterisk and recorded as such, and calls left open by a crash are closed at the next start.
 */
class ShutdownAndRestartTest {

    @Test
    void aCallInProgressFinishesWithinTheGracePeriodWhileNewCallsAreRefused() throws Exception {
        String database = newDatabase();
        ConfigurableApplicationContext service = start(database, "5s", "shutdown-a");
        int agiPort = agiPort(service);
        SimulatedCall talking = AgiStandIn.call(agiPort).script("scripted?scenario=talk-then-survey").keys("1")
                .holdOn("EXEC \"Dial\"").start().awaitHeld();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(service::close);
        awaitRefused(agiPort);
        SimulatedCall late = AgiStandIn.call(agiPort).script("scripted?scenario=talk-then-survey").start().awaitEnd();
        assertThat(late.commands()).isEmpty();
        assertThat(stopped).isNotDone();

        talking.release();
        talking.awaitEnd();
        stopped.get();

        assertThat(talking.commands()).contains("GET DATA \"hotline/survey\" 5000 1");
        assertThat(talking.variables()).containsEntry("HOTLINE_STATUS", "DONE");
        assertThat(endOf(database, talking.uniqueId())).isEqualTo("SERVICE: returned to the dialplan with HOTLINE_STATUS=DONE");
    }

    @Test
    void aCallOutlastingTheGracePeriodIsHandedToTheDialplanAndRecordedAsShutdown() throws Exception {
        String database = newDatabase();
        ConfigurableApplicationContext service = start(database, "1s", "shutdown-b");
        SimulatedCall talking = AgiStandIn.call(agiPort(service)).script("scripted?scenario=talk-then-survey")
                .holdOn("EXEC \"Dial\"").start().awaitHeld();

        service.close();

        assertThat(endOf(database, talking.uniqueId())).isEqualTo("SHUTDOWN: service stopped during the call; handed to the dialplan");
        talking.release();
        talking.awaitEnd();
    }

    @Test
    void callsLeftOpenByACrashAreClosedAtTheNextStart() throws Exception {
        String database = newDatabase();
        ConfigurableApplicationContext first = start(database, "1s", "restart");
        first.getBean(CallRecords.class).open(new NewCall("central", "1763900999.1", "PJSIP/carrier-000003e7",
                "13800138000", null, "12333", "ivr"));
        first.close();
        assertThat(endOf(database, "1763900999.1")).isEqualTo("null: null");

        ConfigurableApplicationContext second = start(database, "1s", "restart");
        try {
            assertThat(endOf(database, "1763900999.1")).isEqualTo("RESTART: still open when the service restarted");
        } finally {
            second.close();
        }
    }

    private static ConfigurableApplicationContext start(String database, String grace, String instance) {
        ScriptedCalls scripted = new ScriptedCalls();
        scripted.register("talk-then-survey", call -> {
            call.answer();
            call.dial("PJSIP/1001", Duration.ofSeconds(20), "");
            call.collectDigits("survey", DigitRequest.upTo(1, Duration.ofSeconds(5)));
        });
        return new SpringApplicationBuilder(HotlineApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("scriptedCalls", scripted))
                .profiles("test")
                .run("--server.port=0",
                        "--spring.datasource.url=" + database,
                        "--hotline.agi.shutdown-grace=" + grace,
                        "--hotline.calls.instance-name=" + instance,
                        "--hotline.asterisk.nodes[0].name=" + StandInAsterisk.NODE,
                        "--hotline.asterisk.nodes[0].host=127.0.0.1",
                        "--hotline.asterisk.nodes[0].port=" + StandInAsterisk.ami().port(),
                        "--hotline.asterisk.nodes[0].secret=" + StandInAsterisk.SECRET);
    }

    private final List<Connection> keepers = new ArrayList<>();

    /** An in-memory database that outlives the service: the test holds a connection to it until the end. */
    private String newDatabase() throws SQLException {
        String url = "jdbc:h2:mem:shutdown-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        keepers.add(DriverManager.getConnection(url, "hotline", ""));
        return url;
    }

    @AfterEach
    void closeDatabases() throws SQLException {
        for (Connection keeper : keepers) {
            keeper.close();
        }
    }

    private static int agiPort(ConfigurableApplicationContext service) {
        return service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
    }

    private static void awaitRefused(int port) {
        await().alias("FastAGI refusing connections while stopping").until(() -> {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return false;
            } catch (java.io.IOException refused) {
                return true;
            }
        });
    }

    /** "ENDED_BY: reason" of the call with this Asterisk uniqueid, read straight from the database. */
    private static String endOf(String database, String uniqueId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "hotline", "");
             PreparedStatement query = connection.prepareStatement(
                     "select ended_by, end_reason from calls where unique_id = ?")) {
            query.setString(1, uniqueId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("call record for " + uniqueId).isTrue();
                return row.getString(1) + ": " + row.getString(2);
            }
        }
    }
}
