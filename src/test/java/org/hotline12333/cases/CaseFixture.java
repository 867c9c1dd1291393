package org.hotline12333.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.EndedBy;
import org.hotline12333.call.NewCall;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.TestClock;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * People and calls for cases tests, made as the service makes them: users, agents and departments over the API,
 * answered calls written to the Call records as routing writes them, at the service's (test) clock.
 */
final class CaseFixture {

    static final String PASSWORD = "case-test-password";
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % 1000) * 100);

    final int port;
    final TestClock clock;
    private final CallRecords records;

    CaseFixture(ApplicationContext service) {
        this.port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        this.clock = service.getBean(TestClock.class);
        this.records = service.getBean(CallRecords.class);
    }

    Http admin() {
        return Http.on(port).as("admin", "test-admin-password");
    }

    /** An agent (logged out) with a user of their own. */
    TestAgent agent() {
        return TestAgent.create(port);
    }

    Http as(TestAgent agent) {
        return agent.http(port);
    }

    Http user(String role) {
        String username = role.toLowerCase() + "." + NEXT.incrementAndGet();
        require(admin().post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                + "\",\"role\":\"" + role + "\"}"));
        return Http.on(port).as(username, PASSWORD);
    }

    /** A new department with these users (role DEPARTMENT, password {@link #PASSWORD}); returns its code. */
    String department(String name, String... usernames) {
        for (String username : usernames) {
            require(admin().post("/api/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD
                    + "\",\"role\":\"DEPARTMENT\"}"));
        }
        String code = "dept-" + NEXT.incrementAndGet();
        require(admin().put("/api/cases/departments/" + code, "{\"name\":\"" + name + "\",\"members\":["
                + Arrays.stream(usernames).map(u -> "\"" + u + "\"").collect(Collectors.joining(",")) + "]}"));
        return code;
    }

    Http departmentUser(String username) {
        return Http.on(port).as(username, PASSWORD);
    }

    static String unique(String prefix) {
        return prefix + NEXT.incrementAndGet();
    }

    /** A caller number no other test uses. */
    static String callerNumber() {
        return String.format("137%08d", NEXT.incrementAndGet());
    }

    /** A call from this number that the agent answered and that is over, now on the service's clock. */
    String answeredCall(String workNumber, String callerNumber) {
        Instant now = clock.instant();
        String callId = records.open(new NewCall("central", "case." + NEXT.incrementAndGet(), "PJSIP/carrier-case",
                callerNumber, null, "12333", "ivr"));
        records.queued(callId, "general", 0, Map.of(), now.minusSeconds(20));
        records.connected(callId, workNumber, "GROUP", "test call", now.minusSeconds(15));
        records.routingEnded(callId, CallOutcome.ANSWERED, now);
        records.close(callId, EndedBy.CALLER, "caller hung up");
        return callId;
    }

    /** Registers a case; fails the test unless it is created. */
    JsonNode register(Http agent, String json) {
        Http.Response created = agent.post("/api/cases", json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static void require(Http.Response response) {
        if (response.status() >= 300) {
            throw new AssertionError(response.status() + " " + response.body());
        }
    }
}
