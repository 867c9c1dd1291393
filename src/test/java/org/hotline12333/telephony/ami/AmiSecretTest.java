package org.hotline12333.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import org.hotline12333.HotlineApplication;
import org.hotline12333.testkit.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The AMI secret: without one the service refuses to start and says how to set it, except in development, which is
 * what a start with no profile chosen is (README: {@code ./mvnw spring-boot:run} on a fresh machine).
 */
class AmiSecretTest {

    @Test
    void anEmptySecretStopsAProductionStartAndSaysHowToSetOne(@TempDir Path dir) {
        assertThatThrownBy(() -> start(dir, "prod").close())
                .hasStackTraceContaining("The AMI secret of node(s) [central] is empty: set HOTLINE_AMI_SECRET "
                        + "(or HOTLINE_ASTERISK_NODES_<n>_SECRET, hotline.asterisk.nodes[n].secret) to the secret of "
                        + "the 'hotline' user in Asterisk's manager.conf");
    }

    @Test
    void withNoProfileChosenTheServiceStartsWithoutAsteriskAsOnAFreshMachine(@TempDir Path dir) {
        try (ConfigurableApplicationContext service = start(dir, null)) {
            assertThat(service.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(service.getEnvironment().getDefaultProfiles()).containsExactly("dev");
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            assertThat(Http.on(port).get("/actuator/health/liveness").status()).isEqualTo(200);
        }
    }

    /** The service with application.yml only (no test profile), on free ports, an in-memory database, no secret. */
    private static ConfigurableApplicationContext start(Path dir, String profile) {
        SpringApplicationBuilder service = new SpringApplicationBuilder(HotlineApplication.class);
        if (profile != null) {
            service.profiles(profile);
        }
        return service.run("--server.port=0", "--hotline.agi.port=0",
                "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--hotline.asterisk.nodes[0].name=central", "--hotline.asterisk.nodes[0].host=127.0.0.1",
                "--hotline.asterisk.nodes[0].port=1", "--hotline.asterisk.nodes[0].secret=",
                "--hotline.security.initial-admin.password=dev-admin-password",
                "--hotline.security.initial-admin.password-file=" + dir.resolve("password"),
                "--hotline.recordings.directory=" + dir.resolve("recordings"),
                "--hotline.ivr.speech.service-directory=" + dir.resolve("utterances"),
                "--hotline.calls.instance-name=dev-" + UUID.randomUUID());
    }
}
