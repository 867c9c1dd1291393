package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.testkit.EventStream;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A supervisor's live floor stream ends as soon as they are disabled or lose the role, not when it times out. */
@HotlineTest
class StreamAccessTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    Users users;

    @Test
    void theStreamEndsWhenItsSupervisorIsDisabled() {
        assertStreamEndsAfter("{\"enabled\":false}");
    }

    @Test
    void theStreamEndsWhenItsSupervisorBecomesAnAgent() {
        assertStreamEndsAfter("{\"role\":\"AGENT\"}");
    }

    private void assertStreamEndsAfter(String change) {
        String name = "stream.lead" + NEXT.incrementAndGet();
        users.create(name, "supervisor-password-1", Role.SUPERVISOR);
        try (EventStream stream = EventStream.open(port, "/api/supervision/stream", name, "supervisor-password-1")) {
            assertThat(stream.status()).isEqualTo(200);
            stream.await("snapshot", data -> true);

            assertThat(Http.on(port).as("admin", "test-admin-password").patch("/api/users/" + name, change).status())
                    .isEqualTo(200);

            stream.awaitEnd();
        }
        try (EventStream again = EventStream.open(port, "/api/supervision/stream", name, "supervisor-password-1")) {
            assertThat(again.status()).isIn(401, 403);
        }
    }
}
