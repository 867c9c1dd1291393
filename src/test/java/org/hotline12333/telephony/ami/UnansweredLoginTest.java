package org.hotline12333.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.ScriptedCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;
import tools.jackson.databind.JsonNode;

/** A second node whose AMI greets but never answers a login: reported once, retried, and nothing else suffers. */
@HotlineTest
@Import(UnansweredLoginTest.MuteNode.class)
@ExtendWith(OutputCaptureExtension.class)
class UnansweredLoginTest {

    static final AmiStandIn MUTE = AmiStandIn.start("hotline", "secret");

    static {
        MUTE.answerLogins(false);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MuteNode {
        @Bean
        static DynamicPropertyRegistrar muteNode() {
            return registry -> {
                registry.add("hotline.asterisk.nodes[1].name", () -> "district-east");
                registry.add("hotline.asterisk.nodes[1].host", () -> "127.0.0.1");
                registry.add("hotline.asterisk.nodes[1].port", MUTE::port);
                registry.add("hotline.asterisk.nodes[1].username", () -> "hotline");
                registry.add("hotline.asterisk.nodes[1].secret", () -> "secret");
            };
        }
    }

    @LocalServerPort
    int httpPort;

    @Value("${local.agi.port}")
    int agiPort;

    @Autowired
    ScriptedCalls scripted;

    @Test
    void aNodeThatNeverAnswersLoginIsDownWithTheReasonAndRetriedQuietly(CapturedOutput output) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (MUTE.actions("Challenge").size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(MUTE.actions("Challenge")).as("login attempts").hasSizeGreaterThanOrEqualTo(3);

        JsonNode ami = Http.on(httpPort).as("admin", "test-admin-password").get("/actuator/health").json()
                .path("components").path("ami");
        assertThat(ami.path("status").asString()).isEqualTo("DOWN");
        assertThat(ami.path("details").path("nodes").path("district-east").path("reason").asString())
                .isEqualTo("no answer to login within 1 s");
        assertThat(ami.path("details").path("nodes").path("central").path("status").asString()).isEqualTo("UP");
        assertThat(output.getOut()).containsOnlyOnce("AMI node district-east at 127.0.0.1:" + MUTE.port()
                + " is down: no answer to login within 1 s");

        scripted.register("hello", call -> call.play("welcome", ""));
        var call = AgiStandIn.call(agiPort).script("scripted?scenario=hello").start().awaitEnd();
        assertThat(call.variables()).containsEntry("HOTLINE_STATUS", "DONE");
    }
}
