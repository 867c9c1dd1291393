package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.alert.AlertView;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.StandInMixMonitor.Leg;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Forbidden phrases caught while the call is on, with the real model and the phrase lists of its language: a call
 * goes through the service to an agent, MixMonitor (the stand-in, writing live) records it as it goes, and what the
 * agent says reaches the supervisors' floor as an alert naming the call and the agent before anyone hangs up; the
 * alert's call is one a supervisor can listen in to at once. Skipped, with the reason, without a model.
 */
class LiveSpottingTest {

    private static final Duration HEARING = Duration.ofMinutes(2);

    @TempDir
    static Path recordings;
    @TempDir
    static Path audio;

    private static TestLanguage language;
    private static ConfigurableApplicationContext service;
    private static final RecordedEvents events = new RecordedEvents();
    private static final ScriptedCalls scripted = new ScriptedCalls();
    private static int httpPort;

    @BeforeAll
    static void startWithTheModel() {
        language = VoskTestModel.language();
        List<String> arguments = new ArrayList<>(language.findingArguments());
        arguments.add("--hotline.recordings.directory=" + recordings);
        arguments.add("--hotline.asterisk.nodes[0].recordings-path=" + StandInAsterisk.RECORDINGS_PATH);
        service = SpeechServices.start(SpeechServices.newDatabase(), arguments, SharedModel.recognizer(), events,
                scripted);
        httpPort = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theAgentsForbiddenPhraseReachesTheFloorWhileTheCallIsOnAndItsCallCanBeListenedTo() {
        LiveCalls calls = new LiveCalls(service, scripted, events, recordings);
        TestAgent agent = calls.agentFor("live");
        String agentChannel = agent.endpoint() + "-0000005e";
        LiveCalls.Call ringing = calls.ringing("live");
        String callId = ringing.callId();
        AgiStandIn.SimulatedCall call = ringing.session();
        // before the agent answers, what the caller hears is not the agent: here, the phrase itself
        call.says(Leg.OTHER, render("before-answer", 0, language.forbiddenSaid())).join();

        ringing.answeredOn(agentChannel);
        call.says(Leg.CALLER, render("caller", 0, language.callerSaid())); // the caller's side is never a finding
        CompletableFuture<Long> agentSaid = call.says(Leg.OTHER, render("agent", 2.6, language.forbiddenSaid()));

        AlertView alert = events.await(AlertRaised.class, raised -> raised.alert().kind() == AlertKind.FORBIDDEN_PHRASE_LIVE
                && callId.equals(raised.alert().callId()), HEARING).alert();

        assertThat(call.ended()).as("the call is still on").isFalse();
        assertThat(agentSaid).as("heard from what the agent said, not before").isDone();
        assertThat(alert.agent()).isEqualTo(agent.workNumber());
        assertThat(alert.message()).contains(language.forbidden()).contains(agent.workNumber()).contains(callId)
                .doesNotContain("13812345678");
        Http supervisor = supervisor();
        // the floor hears of the alert on its own thread: nothing orders that before this test's listener
        JsonNode shown = await().until(() -> supervisor.get("/api/supervision/floor").json().path("alerts")
                .valueStream().filter(a -> a.path("id").asLong() == alert.id()).findFirst(), Optional::isPresent)
                .get();
        assertThat(shown.path("callId").asString()).isEqualTo(callId);
        assertThat(shown.path("agent").asString()).isEqualTo(agent.workNumber());
        require(supervisor.put("/api/supervision/phone", "{\"endpoint\":\"PJSIP/2070\"}"));
        Http.Response listening = supervisor.post("/api/supervision/monitor", "{\"callId\":\"" + alert.callId()
                + "\",\"mode\":\"LISTEN\"}");
        assertThat(listening.status()).as(listening.body()).isEqualTo(201);
        List<Map<String, String>> originates = StandInAsterisk.ami().actions("Originate");
        assertThat(originates.get(originates.size() - 1)).containsEntry("Channel", "PJSIP/2070")
                .containsEntry("Data", agentChannel + ",qEd");

        ringing.hangUp();
        assertThat(events.ofType(AlertRaised.class, raised -> raised.alert().kind() == AlertKind.FORBIDDEN_PHRASE_LIVE
                && callId.equals(raised.alert().callId()))).hasSize(1);
    }

    /** Speech in the model's language after some silence, as 8 kHz telephone audio ending with its last sound. */
    private static Path render(String name, double silence, String phrase) {
        return SpokenAudio.endingWithTheLastSound(SpeechScenarios.leg(language).silence(Math.max(0.1, silence))
                .say(phrase).render(audio.resolve(name + ".wav")).file());
    }

    private static Http admin() {
        return Http.on(httpPort).as("admin", "test-admin-password");
    }

    private static Http supervisor() {
        Http.Response created = admin().post("/api/users", "{\"username\":\"live.lead\",\"password\":\"live-lead-pw-1\","
                + "\"role\":\"SUPERVISOR\"}");
        if (created.status() >= 300 && created.status() != 409) {
            throw new AssertionError(created.status() + " " + created.body());
        }
        return Http.on(httpPort).as("live.lead", "live-lead-pw-1");
    }

    private static void require(Http.Response response) {
        assertThat(response.status()).as(response.body()).isLessThan(300);
    }
}
