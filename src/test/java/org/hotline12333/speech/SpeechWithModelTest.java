package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.SpokenAudio.Spoken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The whole service with the real Vosk model, on recordings of espeak-ng speech in the model's language
 * ({@link TestLanguage}, with its phrase lists configured as a centre would): findings as the model hears them,
 * transcripts of both legs with word times, and a restart in the middle of a backlog. The class's service loads the
 * model from {@code hotline.speech.model-path} itself, as a centre's does; the restart's two share the one loaded model
 * ({@link SharedModel}).
 * Skipped, with the reason, on machines without a model ({@link VoskTestModel}).
 */
class SpeechWithModelTest {

    private static final Duration MODEL_TIME = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private static TestLanguage language;
    private static ConfigurableApplicationContext service;
    private static final RecordedEvents events = new RecordedEvents();

    @BeforeAll
    static void startWithTheModel() {
        language = VoskTestModel.language();
        List<String> withPath = new ArrayList<>(arguments());
        withPath.add("--hotline.speech.model-path=" + VoskTestModel.require());
        service = SpeechServices.start(SpeechServices.newDatabase(), withPath, events);
        VoskTestModel.awaitLoaded(service.getBean(VoskRecognizer.class));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aForbiddenPhraseIsFoundAtItsOffsetOnTheAgentLegAndNotOnTheCallerLeg() {
        CallAudio call = SpeechScenarios.forbiddenPhrase(dir, "model-forbidden", language);

        FindingsReady ready = transcribed(call);
        Spoken agentSaid = call.agent().spoken(language.forbiddenSaid());
        Spoken callerSaid = call.caller().spoken(language.callerSaid());
        assertThat(ready.ofKind(FindingKind.FORBIDDEN_PHRASE)).anySatisfy(finding -> {
            assertThat(finding.phrase()).isEqualTo(language.forbidden());
            assertThat(finding.start()).isBetween(agentSaid.start() - 0.5, agentSaid.end() + 0.5);
        });
        assertThat(ready.ofKind(FindingKind.FORBIDDEN_PHRASE))
                .noneMatch(finding -> finding.end() > callerSaid.start() && finding.start() < callerSaid.end());
    }

    @Test
    void theGreetingAndTheClosingAreFoundAsSaid() {
        CallAudio call = SpeechScenarios.greetingAndClosing(dir, "model-polite", language);

        FindingsReady ready = transcribed(call);
        assertThat(ready.ofKind(FindingKind.GREETING)).hasSize(1);
        if (!language.closingSaid().isEmpty()) { // see TestLanguage: no Korean closing is heard in espeak-ng's voice
            assertThat(ready.ofKind(FindingKind.CLOSING)).hasSize(1);
        }
    }

    @Test
    void theTranscriptHoldsBothLegsWithWordTimesWhereEachSideSpoke() {
        CallAudio call = SpeechScenarios.forbiddenPhrase(dir, "model-legs", language);
        transcribed(call);

        // FindingsReady is published inside the transaction that stores the transcript: wait for its commit
        List<Utterance> utterances = await().until(() -> service.getBean(Transcripts.class)
                .ofRecording(call.recordingId()), java.util.Optional::isPresent).orElseThrow().transcript().utterances();
        for (Speaker speaker : Speaker.values()) {
            List<Spoken> said = (speaker == Speaker.AGENT ? call.agent() : call.caller()).spoken();
            List<Utterance> heard = utterances.stream().filter(u -> u.speaker() == speaker).toList();
            assertThat(heard).as("%s utterances", speaker).isNotEmpty();
            heard.forEach(utterance -> assertThat(utterance.words()).allSatisfy(word -> assertThat(said)
                    .anyMatch(s -> word.start() >= s.start() - 0.3 && word.end() <= s.end() + 0.3)));
        }
    }

    @Test
    void greetingAndClosingAreMissingAsRendered() {
        CallAudio call = SpeechScenarios.noGreetingNoClosing(dir, "model-rude", language);

        FindingsReady ready = transcribed(call);
        assertThat(ready.ofKind(FindingKind.GREETING_MISSING)).hasSize(1);
        assertThat(ready.ofKind(FindingKind.CLOSING_MISSING)).hasSize(1);
    }

    @Test
    void theAgentsSpeechRateIsComputedFromWhatTheModelHeard() {
        CallAudio call = SpeechScenarios.agentSpeaking(dir, "model-rate", language);

        FindingsReady ready = transcribed(call);
        Spoken said = call.agent().spoken().get(0);
        double rendered = CharacterErrorRate.length(language.rateSentence()) * 60 / (said.end() - said.start());
        assertThat(ready.measures().agentCharsPerMinute()).isBetween(rendered * 0.5, rendered * 1.5);
    }

    @Test
    void aRestartInTheMiddleOfABacklogLosesNoJob() throws Exception {
        String database = SpeechServices.newDatabase();
        List<CallAudio> backlog = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // one heard before the restart, the others after it or redone
            backlog.add(SpeechScenarios.greetingAndClosing(dir, "model-backlog-" + i, language));
        }
        RecordedEvents before = new RecordedEvents();
        RecordedEvents after = new RecordedEvents();
        try (Connection keeper = DriverManager.getConnection(database, "hotline", "")) {
            ConfigurableApplicationContext first = SpeechServices.start(database, oneRecognizer(),
                    SharedModel.recognizer(), before);
            backlog.forEach(call -> first.publishEvent(call.closed()));
            before.await(FindingsReady.class, f -> true, MODEL_TIME);
            first.close();

            ConfigurableApplicationContext second = SpeechServices.start(database, oneRecognizer(),
                    SharedModel.recognizer(), after);
            try {
                for (CallAudio call : backlog) {
                    if (before.ofType(FindingsReady.class, f -> f.recordingId().equals(call.recordingId())).isEmpty()) {
                        after.await(FindingsReady.class, f -> f.recordingId().equals(call.recordingId()), MODEL_TIME);
                    }
                }
                for (CallAudio call : backlog) {
                    assertThat(before.ofType(FindingsReady.class, f -> f.recordingId().equals(call.recordingId())).size()
                            + after.ofType(FindingsReady.class, f -> f.recordingId().equals(call.recordingId())).size())
                            .as("transcriptions of %s", call.recordingId()).isEqualTo(1);
                }
                assertThat(after.ofType(FindingsReady.class)).isNotEmpty();
            } finally {
                second.close();
            }
        }
    }

    @Test
    void theServiceLoadsTheModelFromItsConfiguredPathAndSaysSoInHealth() {
        JsonNode health = Http.on(service.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
                .as("admin", "test-admin-password").get("/actuator/health/speech").json();

        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("model").asString())
                .isEqualTo(VoskTestModel.require().getFileName().toString());
    }

    /** Closes the call's recording as the recording feature does, and waits for its findings. */
    private static FindingsReady transcribed(CallAudio call) {
        service.publishEvent(call.closed());
        return events.await(FindingsReady.class, f -> f.recordingId().equals(call.recordingId()), MODEL_TIME);
    }

    private static List<String> arguments() {
        List<String> arguments = new ArrayList<>(language.findingArguments());
        arguments.add("--hotline.speech.findings.min-chars-per-minute=" + SpeechTest.MIN_CHARS_PER_MINUTE);
        arguments.add("--hotline.speech.findings.max-chars-per-minute=" + SpeechTest.MAX_CHARS_PER_MINUTE);
        return arguments;
    }

    private static List<String> oneRecognizer() {
        List<String> arguments = new ArrayList<>(arguments());
        arguments.add("--hotline.speech.threads=1");
        return arguments;
    }
}
