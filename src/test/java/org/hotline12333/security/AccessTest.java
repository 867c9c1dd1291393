package org.hotline12333.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.CookieManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who may reach what, over real HTTP. */
@HotlineTest
class AccessTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http anonymous() {
        return Http.on(port);
    }

    Http admin() {
        return Http.on(port).as("admin", "test-admin-password");
    }

    @Test
    void healthStatusIsOpenAndOnlyUsersSeeEachPart() {
        Http.Response open = anonymous().get("/actuator/health");
        assertThat(open.status()).isIn(200, 503);
        assertThat(open.json().path("status").asString()).isIn("UP", "DOWN");
        assertThat(open.body()).doesNotContain("components").doesNotContain("agi").doesNotContain("port")
                .doesNotContain("activeCalls");
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/readiness").body()).doesNotContain("components");

        createUser("agent.health", "agent-password-9", "AGENT");
        Http.Response health = Http.on(port).as("agent.health", "agent-password-9").get("/actuator/health");
        assertThat(health.json().path("components").path("agi").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.json().path("components").has("ami")).isTrue();
    }

    @Test
    void everythingElseNeedsAUser() {
        Http.Response calls = anonymous().get("/api/calls");
        assertThat(calls.status()).isEqualTo(401);
        assertThat(calls.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous().get("/api/me").status()).isEqualTo(401);
        assertThat(anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(Http.on(port).as("admin", "wrong-password").get("/api/me").status()).isEqualTo(401);
        Http.Response page = anonymous().get("/some-page");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
    }

    @Test
    void rolesDecideWhatAUserMayDo() {
        createUser("agent.wang", "agent-password-1", "AGENT");
        createUser("lead.li", "supervisor-password-1", "SUPERVISOR");
        Http agent = Http.on(port).as("agent.wang", "agent-password-1");
        Http supervisor = Http.on(port).as("lead.li", "supervisor-password-1");

        assertThat(agent.get("/api/me").json().path("role").asString()).isEqualTo("AGENT");
        assertThat(agent.get("/api/calls").status()).isEqualTo(403);
        assertThat(agent.get("/api/users").status()).isEqualTo(403);
        assertThat(supervisor.get("/api/calls").status()).isEqualTo(200);
        assertThat(supervisor.get("/api/users").status()).isEqualTo(403);
        assertThat(supervisor.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(admin().get("/api/calls").status()).isEqualTo(200);
        assertThat(admin().get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(admin().get("/actuator/metrics/hotline.agi.calls.active").json().path("measurements").get(0)
                .path("value").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(admin().get("/actuator/metrics/hotline.ami.node.up?tag=node:central").status()).isEqualTo(200);
    }

    @Test
    void passwordsAreStoredAsBcryptAndNeverShown() {
        createUser("agent.zhao", "agent-password-2", "AGENT");

        String hash = jdbc.queryForObject("select password_hash from app_user where username = 'agent.zhao'", String.class);
        assertThat(hash).startsWith("$2").doesNotContain("agent-password-2");
        assertThat(admin().get("/api/users").body()).contains("agent.zhao").doesNotContain("password");
    }

    @Test
    void aDisabledUserCannotLogIn() {
        createUser("agent.qian", "agent-password-3", "AGENT");
        Http agent = Http.on(port).as("agent.qian", "agent-password-3");
        assertThat(agent.get("/api/me").status()).isEqualTo(200);

        assertThat(admin().patch("/api/users/agent.qian", "{\"enabled\":false}").status()).isEqualTo(200);

        assertThat(agent.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void badRequestsGetA4xxThatSaysWhatIsWrong() {
        Http.Response invalid = admin().post("/api/users", "{\"username\":\"a b\",\"password\":\"short\",\"role\":\"AGENT\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("detail").asString())
                .contains("password: must be 10 to 128 characters")
                .contains("username: 2 to 64 letters, digits, '.', '_' or '-'");

        Http.Response unknownRole = admin().post("/api/users", "{\"username\":\"x1\",\"password\":\"long-enough-1\",\"role\":\"KING\"}");
        assertThat(unknownRole.status()).isEqualTo(400);

        Http.Response notJson = admin().post("/api/users", "{not json");
        assertThat(notJson.status()).isEqualTo(400);

        createUser("agent.sun", "agent-password-4", "AGENT");
        Http.Response duplicate = admin().post("/api/users", "{\"username\":\"agent.sun\",\"password\":\"agent-password-4\",\"role\":\"AGENT\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("detail").asString()).isEqualTo("user 'agent.sun' already exists");

        assertThat(admin().patch("/api/users/nobody", "{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(admin().get("/api/calls?limit=0").status()).isEqualTo(400);
        assertThat(admin().get("/api/calls?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theLoginPageLogsAPersonInWithASession() throws Exception {
        createUser("lead.zhou", "supervisor-password-2", "SUPERVISOR");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("12333 热线").doesNotContain("http://").doesNotContain("https://");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> wrong = browser.send(form("lead.zhou", "not-the-password", csrf.group(1)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");

        HttpResponse<String> loggedIn = browser.send(form("lead.zhou", "supervisor-password-2", csrf.group(1)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    private HttpRequest form(String username, String password, String csrf) {
        return HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password + "&_csrf=" + csrf))
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void createUser(String username, String password, String role) {
        Http.Response created = admin().post("/api/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
