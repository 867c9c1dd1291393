package org.hotline12333.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.EndedBy;
import org.hotline12333.call.NewCall;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.SmscStandIn;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.TestClock;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * People, calls and the gateway for outreach tests, made as the service makes them: users and agents over the API,
 * answered calls written to the Call records as routing writes them, the shared SMSC stand-in reset to a well-behaved
 * gateway, the service's clock on a working morning in Beijing (outside quiet hours).
 */
final class OutreachFixture {

    static final String PASSWORD = "outreach-test-password";
    /** Tuesday 1 December 2026, 10:00 in Beijing. */
    static final Instant MORNING = Instant.parse("2026-12-01T02:00:00Z");
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 1000) * 1000);

    final int port;
    final TestClock clock;
    final SmscStandIn smsc = SmscStandIn.shared();
    private final CallRecords records;

    OutreachFixture(ApplicationContext service) {
        this.port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        this.clock = service.getBean(TestClock.class);
        this.records = service.getBean(CallRecords.class);
        smsc.reset();
        // each test on its own minute of the morning: the link's per-second places are its own
        clock.set(MORNING.plusSeconds(60L * (NEXT.incrementAndGet() % 300)));
        awaitBound();
    }

    /** Until this service is bound to the gateway (other services in the JVM have links of their own). */
    void awaitBound() {
        await().atMost(Duration.ofSeconds(20)).until(() -> supervisor().get("/api/outreach/gateway").json()
                .path("bound").asBoolean());
    }

    Http admin() {
        return Http.on(port).as("admin", "test-admin-password");
    }

    Http supervisor() {
        return admin();
    }

    Http user(String role) {
        String username = role.toLowerCase() + ".o" + NEXT.incrementAndGet();
        require(admin().post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\"}"));
        return Http.on(port).as(username, PASSWORD);
    }

    TestAgent agent() {
        return TestAgent.create(port);
    }

    /** A mobile number no other test uses. */
    static String mobile() {
        return String.format("159%08d", NEXT.incrementAndGet());
    }

    /** A call from this number that the agent answered and that is over, now on the service's clock. */
    String answeredCall(String workNumber, String callerNumber) {
        Instant now = clock.instant();
        String callId = records.open(new NewCall("central", "outreach." + NEXT.incrementAndGet(), "PJSIP/carrier-o",
                callerNumber, null, "12333", "ivr"));
        records.queued(callId, "pension", 0, Map.of(), now.minusSeconds(40));
        records.connected(callId, workNumber, "GROUP", "test call", now.minusSeconds(35));
        records.routingEnded(callId, CallOutcome.ANSWERED, now);
        records.close(callId, EndedBy.CALLER, "caller hung up");
        return callId;
    }

    /** The message as supervisors see it in the outbox, once it is in this state. */
    JsonNode awaitState(long id, String state) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> supervisor().get("/api/outreach/messages/" + id)
                .json(), m -> m.path("state").asString().equals(state));
    }

    static void require(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
    }

    static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
