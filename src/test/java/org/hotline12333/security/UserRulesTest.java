package org.hotline12333.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The rules of users over real HTTP: passwords however they are set, and the last enabled administrator. */
@HotlineTest
class UserRulesTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @LocalServerPort
    int port;

    final int n = NEXT.incrementAndGet();

    @Test
    void everyWayOfSettingAPasswordFollowsTheRules() {
        Http admin = Http.on(port).as("admin", "test-admin-password");
        String name = "agent.rules" + n;

        assertDetail(admin.post("/api/users", user(name, "aaaaaaaaaaaa", "AGENT")),
                "password: must not be one or two characters repeated");
        assertDetail(admin.post("/api/users", user(name, name.toUpperCase(), "AGENT")),
                "password: must not be the user name");
        assertThat(admin.post("/api/users", user(name, "agent-password-7", "AGENT")).status()).isEqualTo(201);
        assertDetail(admin.patch("/api/users/" + name, "{\"password\":\"1212121212\"}"),
                "password: must not be one or two characters repeated");
        assertThat(Http.on(port).as(name, "agent-password-7").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void theLastEnabledAdministratorCanBeNeitherDisabledNorDemoted() {
        Http admin = Http.on(port).as("admin", "test-admin-password");
        String name = "admin.rules" + n;
        assertThat(admin.post("/api/users", user(name, "admin-password-8", "ADMIN")).status()).isEqualTo(201);
        Http second = Http.on(port).as(name, "admin-password-8");
        List<String> others = enabledAdminsBut(name, second);
        try {
            for (String other : others) {
                assertThat(second.patch("/api/users/" + other, "{\"enabled\":false}").status()).isEqualTo(200);
            }

            Http.Response disable = second.patch("/api/users/" + name, "{\"enabled\":false}");
            Http.Response demote = second.patch("/api/users/" + name, "{\"role\":\"SUPERVISOR\"}");

            assertThat(disable.status()).isEqualTo(409);
            assertThat(disable.json().path("detail").asString())
                    .isEqualTo("'" + name + "' is the last enabled administrator: make another user ADMIN first");
            assertThat(demote.status()).isEqualTo(409);
            assertThat(second.get("/api/me").json().path("role").asString()).isEqualTo("ADMIN");
            assertThat(second.patch("/api/users/" + name, "{\"password\":\"admin-password-9\"}").status())
                    .isEqualTo(200);
        } finally {
            Http now = Http.on(port).as(name, "admin-password-9");
            for (String other : others) {
                assertThat(now.patch("/api/users/" + other, "{\"enabled\":true}").status()).isEqualTo(200);
            }
        }
        assertThat(admin.patch("/api/users/" + name, "{\"enabled\":false}").status()).isEqualTo(200);
    }

    private static List<String> enabledAdminsBut(String name, Http admin) {
        List<String> others = new ArrayList<>();
        for (JsonNode user : admin.get("/api/users").json()) {
            if (user.path("role").asString().equals("ADMIN") && user.path("enabled").asBoolean()
                    && !user.path("username").asString().equals(name)) {
                others.add(user.path("username").asString());
            }
        }
        return others;
    }

    private static void assertDetail(Http.Response response, String detail) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).isEqualTo(detail);
    }

    private static String user(String name, String password, String role) {
        return "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}";
    }
}
