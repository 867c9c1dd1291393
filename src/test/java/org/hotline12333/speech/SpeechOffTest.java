package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hotline12333.recording.RecordingClosed;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.SpokenAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * The service as it runs on a machine with no speech model (this one): speech is off and says why in health, calls
 * go on as usual, recordings wait in the queue for a model, and the IVR is told keywords are unavailable.
 */
@HotlineTest
class SpeechOffTest {

    @TempDir
    Path dir;

    @LocalServerPort
    int port;
    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    ScriptedCalls scripted;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    SpeechJobs jobs;
    @Autowired
    SpeechKeywords keywords;

    @Test
    void withoutAModelSpeechIsOffInHealthWhileTheServiceIsReady() {
        JsonNode health = Http.on(port).as("admin", "test-admin-password").get("/actuator/health").json();

        JsonNode speech = health.path("components").path("speech");
        assertThat(speech.path("status").asString()).isEqualTo("OFF");
        assertThat(speech.path("details").path("reason").asString())
                .isEqualTo("speech features are off: no speech model configured (hotline.speech.model-path is not set)");
        assertThat(Http.on(port).get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void callsGoOnAndTheirRecordingsWaitInTheQueueForAModel() {
        Path caller = SpokenAudio.say("我想问一下医保", dir.resolve("off-in.wav"));
        Path agent = SpokenAudio.say("您好", dir.resolve("off-out.wav"));
        scripted.register("speech-off", call -> {
            call.answer();
            call.collectDigits("menu", DigitRequest.upTo(1, Duration.ofSeconds(5)));
            publisher.publishEvent(new RecordingClosed("speech-off", "call-speech-off", "central",
                    dir.resolve("off.wav"), caller, agent, Instant.now(), Duration.ofSeconds(2)));
            call.play("goodbye", "");
        });

        SimulatedCall session = AgiStandIn.call(agiPort).script("scripted?scenario=speech-off").keys("1").start().awaitEnd();

        assertThat(session.commands()).containsExactly("ANSWER", "GET DATA \"hotline/menu\" 5000 1",
                "STREAM FILE \"hotline/goodbye\" \"\"", "SET VARIABLE \"HOTLINE_STATUS\" \"DONE\"");
        assertThat(jobs.find("speech-off")).hasValueSatisfying(job -> {
            assertThat(job.state()).isEqualTo(SpeechJobs.State.QUEUED);
            assertThat(job.attempts()).isZero();
            assertThat(job.recording().callerSide()).isEqualTo(caller);
        });
        assertThat(Http.on(port).as("admin", "test-admin-password").get("/actuator/health").json()
                .path("components").path("speech").path("details").path("recordingsQueued").asLong()).isPositive();
    }

    @Test
    void theIvrIsToldKeywordsAreUnavailableAndHearsNone() {
        Path answer = SpokenAudio.say("医保", dir.resolve("answer.wav"));

        assertThat(keywords.available()).isFalse();
        assertThat(keywords.recognize(answer, List.of("医保", "养老"))).isEmpty();
    }
}
