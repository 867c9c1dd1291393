package org.hotline12333.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.hotline12333.HotlineApplication;
import org.hotline12333.testkit.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A first start with no admin password configured: one is generated into a private file, never logged. */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminPasswordTest {

    @Test
    void theFirstAdminGetsAGeneratedPasswordInAFileOnlyTheServiceCanRead(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        Path passwordFile = dir.resolve("data/initial-admin-password");
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(HotlineApplication.class)
                .profiles("test")
                .run("--server.port=0", "--hotline.asterisk.nodes=",
                        "--hotline.security.initial-admin.username=root",
                        "--hotline.security.initial-admin.password=",
                        "--hotline.security.initial-admin.password-file=" + passwordFile)) {
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSize(20);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(output.getOut()).contains("created ADMIN 'root' with a generated password, written to")
                    .doesNotContain(password);

            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            assertThat(Http.on(port).as("root", password).get("/api/me").json().path("role").asString()).isEqualTo("ADMIN");
        }
    }

    @Test
    void aWeakInitialAdminPasswordFromTheEnvironmentStopsTheStartAndSaysWhy(@TempDir Path dir) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HotlineApplication.class).profiles("test")
                .run("--server.port=0", "--hotline.asterisk.nodes=",
                        "--hotline.security.initial-admin.username=root",
                        "--hotline.security.initial-admin.password=abababababab",
                        "--hotline.security.initial-admin.password-file=" + dir.resolve("password")).close())
                .hasStackTraceContaining("hotline.security.initial-admin.password (HOTLINE_SECURITY_INITIAL_ADMIN_PASSWORD)"
                        + " is not accepted for 'root': password: must not be one or two characters repeated");
    }
}
