package org.hotline12333.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What operators' tools read: Prometheus's scrape of {@code /actuator/prometheus} (a METRICS user or an administrator,
 * nobody else; and a METRICS user reaches nothing more) with the hotline's own figures in it, and the REST API's
 * OpenAPI description with its Swagger UI (administrators only).
 */
@HotlineTest
class OperatorEndpointsTest {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    int port;
    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    Users users;
    @Autowired
    ScriptedCalls scripted;
    @Autowired
    JdbcClient db;

    @Test
    void aScraperReadsTheHotlinesFiguresInPrometheusFormatAndNothingElse() {
        users.create("ops.prometheus", "scraper-password-1", Role.METRICS);
        users.create("ops.lead", "supervisor-password-1", Role.SUPERVISOR);
        Http scraper = Http.on(port).as("ops.prometheus", "scraper-password-1");

        // one call through FastAGI: two commands, so two turnarounds; its AMI events reach the listeners
        scripted.register("metrics", call -> {
            call.answer();
            call.play("hotline/welcome", "");
        });
        AgiStandIn.call(agiPort).script(ScriptedCalls.SCRIPT + "?scenario=metrics").events(StandInAsterisk.ami())
                .start().awaitEnd();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scraper.get("/actuator/prometheus").body();
            assertThat(value(scrape, "hotline_agi_turnaround_seconds_count")).isGreaterThanOrEqualTo(2);
            assertThat(value(scrape, "hotline_ami_events_lag_seconds_count")).isGreaterThanOrEqualTo(1);
        });
        Http.Response scrape = scraper.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        String text = scrape.body();
        assertThat(text).contains("hotline_agi_turnaround_seconds_bucket{le=")
                .contains("hotline_agi_calls_active ")
                .contains("hotline_routing_callers_waiting ")
                .contains("hotline_ami_node_up{node=\"central\"} 1.0")
                .contains("hotline_recordings_closed_total{state=\"FAILED\"}")
                .contains("hotline_speech_queue{state=\"QUEUED\"}");
        // agents by state as the database has them (other tests' agents may still be finishing a wrap-up)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String now = scraper.get("/actuator/prometheus").body();
            for (String state : new String[] {"READY", "LOGGED_OUT", "WRAP_UP"}) {
                int inDatabase = db.sql("SELECT count(*) FROM agent WHERE state = ?").param(state)
                        .query(Integer.class).single();
                assertThat(value(now, "hotline_routing_agents{state=\"" + state + "\"}")).as(state)
                        .isEqualTo(inDatabase);
            }
        });

        assertThat(Http.on(port).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(Http.on(port).as("ops.lead", "supervisor-password-1").get("/actuator/prometheus").status())
                .isEqualTo(403);
        assertThat(Http.on(port).as(ADMIN, ADMIN_PASSWORD).get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(scraper.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(scraper.get("/api/me").status()).isEqualTo(403);
        assertThat(scraper.get("/api/classifications").status()).isEqualTo(403);
        assertThat(scraper.get("/api/supervision/floor").status()).isEqualTo(403);
        assertThat(scraper.get("/v3/api-docs").status()).isEqualTo(403);
    }

    /** docker/grafana's dashboard and docker/prometheus's scrape read what the service really exposes. */
    @Test
    void theShippedDashboardAndScrapeConfigurationMatchTheEndpoint() throws java.io.IOException {
        users.create("ops.grafana", "scraper-password-2", Role.METRICS);
        String scrape = Http.on(port).as("ops.grafana", "scraper-password-2").get("/actuator/prometheus").body();
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("docker/grafana/hotline-dashboard.json"));
        Matcher names = Pattern.compile("\\b((?:hotline|jvm)_[a-z_]+)").matcher(dashboard);
        java.util.Set<String> used = new java.util.TreeSet<>();
        while (names.find()) {
            used.add(names.group(1).replaceAll("_bucket$", ""));
        }
        assertThat(used).hasSizeGreaterThan(10).allSatisfy(name -> assertThat(scrape)
                .as("metric %s of the dashboard", name).containsPattern("(?m)^" + name + "[{_ ]"));
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("docker/prometheus/prometheus.yml")))
                .contains("metrics_path: /actuator/prometheus");
    }

    @Test
    void administratorsReadTheApisOpenApiDescriptionAndItsUi() {
        users.create("docs.lead", "supervisor-password-1", Role.SUPERVISOR);
        Http admin = Http.on(port).as(ADMIN, ADMIN_PASSWORD);

        Http.Response docs = admin.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode api = docs.json();
        assertThat(api.path("openapi").asString()).startsWith("3.");
        assertThat(api.path("info").path("title").asString()).isEqualTo("Hotline 12333 API");
        JsonNode paths = api.path("paths");
        assertThat(paths.path("/api/desk/transfer").has("post")).isTrue();
        assertThat(paths.path("/api/supervision/monitor").has("post")).isTrue();
        assertThat(paths.path("/api/routing/agents/{workNumber}").has("put")).isTrue();
        assertThat(paths.properties()).allSatisfy(path -> assertThat(path.getKey()).startsWith("/api/"));
        assertThat(api.path("components").path("securitySchemes").path("basic").path("scheme").asString())
                .isEqualTo("basic");

        Http.Response ui = admin.get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");

        assertThat(Http.on(port).get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(Http.on(port).get("/swagger-ui/index.html").status()).isEqualTo(401);
        assertThat(Http.on(port).as("docs.lead", "supervisor-password-1").get("/v3/api-docs").status())
                .isEqualTo(403);
    }

    /** The sample's value in a Prometheus text exposition. */
    private static double value(String scrape, String sample) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        assertThat(matcher.find()).as("sample %s in the scrape", sample).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
