package org.hotline12333.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.TroubledServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A second node whose AMI greets but never answers a login: reported once (an alert; the log says it once however many
 * retries), retried, and nothing else suffers.
 */
@TroubledServiceTest
@ExtendWith(OutputCaptureExtension.class)
class UnansweredLoginTest {

    static final AmiStandIn MUTE = TroubledServiceTest.MUTE;

    @LocalServerPort
    int httpPort;

    @Value("${local.agi.port}")
    int agiPort;

    @Autowired
    ScriptedCalls scripted;

    @Autowired
    Alerts alerts;

    @Test
    void aNodeThatNeverAnswersLoginIsDownWithTheReasonAndRetriedQuietly(CapturedOutput output) throws Exception {
        int before = MUTE.actions("Challenge").size();
        await().alias("two more login attempts").until(() -> MUTE.actions("Challenge").size() >= Math.max(3, before + 2));

        JsonNode ami = Http.on(httpPort).as("admin", "test-admin-password").get("/actuator/health").json()
                .path("components").path("ami");
        assertThat(ami.path("status").asString()).isEqualTo("DOWN");
        assertThat(ami.path("details").path("nodes").path("district-east").path("reason").asString())
                .isEqualTo("no answer to login within 1 s");
        assertThat(ami.path("details").path("nodes").path("central").path("status").asString()).isEqualTo("UP");
        // the service may have started before this test (another class shares it), and been paused and started
        // again in between (Spring stops a cached context another class is not using): each start reports the node
        // down once, always for what it is; the log of these retries says it was not reported again
        assertThat(alerts.recent(1000)).filteredOn(a -> a.kind() == AlertKind.NODE_DOWN
                && a.subject().equals("district-east")).isNotEmpty().extracting(AlertView::message)
                .allMatch(message -> message.contains("no answer to login within 1 s"));
        String down = "AMI node district-east at 127.0.0.1:" + MUTE.port() + " is down: no answer to login within 1 s";
        assertThat(output.getOut().lines().filter(line -> line.contains(down)).count()).as("logged at most once")
                .isLessThanOrEqualTo(1);

        scripted.register("hello", call -> call.play("welcome", ""));
        var call = AgiStandIn.call(agiPort).script("scripted?scenario=hello").start().awaitEnd();
        assertThat(call.variables()).containsEntry("HOTLINE_STATUS", "DONE");
    }
}
