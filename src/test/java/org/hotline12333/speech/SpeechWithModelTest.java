package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.SpokenAudio.Spoken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service with the real Vosk model, on recordings of espeak-ng speech: the findings of
 * {@link TranscriptionTest} as the model hears them, and a restart in the middle of a backlog. Skipped, with the
 * reason, on machines without a model ({@link VoskTestModel}).
 */
class SpeechWithModelTest {

    private static final Duration MODEL_TIME = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext service;
    private static final RecordedEvents events = new RecordedEvents();

    @BeforeAll
    static void startWithTheModel() {
        if (VoskTestModel.find().isPresent()) {
            service = SpeechServices.start(SpeechServices.newDatabase(), withModel(), events);
            VoskTestModel.awaitLoaded(service.getBean(VoskRecognizer.class));
        }
    }

    /** Each test shows as skipped, with the reason, when there is no model. */
    @BeforeEach
    void needsTheModel() {
        VoskTestModel.require();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aForbiddenPhraseIsFoundAtItsOffsetOnTheAgentLegAndNotOnTheCallerLegBetweenGreetingAndClosing() {
        CallAudio call = SpeechScenarios.forbiddenPhrase(dir, "model-forbidden");

        FindingsReady ready = transcribed(call);
        Spoken agentSaid = call.agent().spoken(SpeechScenarios.FORBIDDEN_SAID);
        Spoken callerSaid = call.caller().spoken(SpeechScenarios.CALLER_SAID);
        assertThat(ready.ofKind(FindingKind.FORBIDDEN_PHRASE)).anySatisfy(finding -> {
            assertThat(finding.phrase()).isEqualTo("不知道");
            assertThat(finding.start()).isBetween(agentSaid.start() - 0.5, agentSaid.end() + 0.5);
        });
        assertThat(ready.ofKind(FindingKind.FORBIDDEN_PHRASE))
                .noneMatch(finding -> finding.end() > callerSaid.start() && finding.start() < callerSaid.end());
        assertThat(ready.ofKind(FindingKind.GREETING)).hasSize(1);
        assertThat(ready.ofKind(FindingKind.CLOSING)).hasSize(1);
    }

    @Test
    void greetingAndClosingAreMissingAsRendered() {
        CallAudio call = SpeechScenarios.noGreetingNoClosing(dir, "model-rude");

        FindingsReady ready = transcribed(call);
        assertThat(ready.ofKind(FindingKind.GREETING_MISSING)).hasSize(1);
        assertThat(ready.ofKind(FindingKind.CLOSING_MISSING)).hasSize(1);
    }

    @Test
    void theAgentsSpeechRateIsComputedFromWhatTheModelHeard() {
        CallAudio call = SpeechScenarios.agentSpeaking(dir, "model-rate", SpokenAudio.NORMAL_SPEED);

        FindingsReady ready = transcribed(call);
        Spoken said = call.agent().spoken().get(0);
        double rendered = SpeechScenarios.RATE_SENTENCE.length() * 60 / (said.end() - said.start());
        assertThat(ready.measures().agentCharsPerMinute()).isBetween(rendered * 0.5, rendered * 1.5);
    }

    @Test
    void aRestartInTheMiddleOfABacklogLosesNoJob() throws Exception {
        String database = SpeechServices.newDatabase();
        List<CallAudio> backlog = List.of(SpeechScenarios.agentSpeaking(dir, "model-backlog-0", 175),
                SpeechScenarios.agentSpeaking(dir, "model-backlog-1", 175),
                SpeechScenarios.agentSpeaking(dir, "model-backlog-2", 175),
                SpeechScenarios.agentSpeaking(dir, "model-backlog-3", 175));
        RecordedEvents before = new RecordedEvents();
        RecordedEvents after = new RecordedEvents();
        try (Connection keeper = DriverManager.getConnection(database, "hotline", "")) {
            ConfigurableApplicationContext first = SpeechServices.start(database, oneRecognizer(), before);
            VoskTestModel.awaitLoaded(first.getBean(VoskRecognizer.class));
            backlog.forEach(call -> first.publishEvent(call.closed()));
            before.await(FindingsReady.class, f -> true, MODEL_TIME);
            first.close();

            ConfigurableApplicationContext second = SpeechServices.start(database, oneRecognizer(), after);
            try {
                for (CallAudio call : backlog) {
                    events(before, after, call.recordingId(), MODEL_TIME);
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

    /** Closes the call's recording as the recording feature does, and waits for its findings. */
    private static FindingsReady transcribed(CallAudio call) {
        service.publishEvent(call.closed());
        return events.await(FindingsReady.class, f -> f.recordingId().equals(call.recordingId()), MODEL_TIME);
    }

    /** Waits until the recording was transcribed by one service or the other. */
    private static void events(RecordedEvents before, RecordedEvents after, String recordingId, Duration timeout) {
        if (before.ofType(FindingsReady.class, f -> f.recordingId().equals(recordingId)).isEmpty()) {
            after.await(FindingsReady.class, f -> f.recordingId().equals(recordingId), timeout);
        }
    }

    private static List<String> withModel() {
        return List.of("--hotline.speech.model-path=" + VoskTestModel.require(),
                "--hotline.speech.findings.min-chars-per-minute=" + SpeechTest.MIN_CHARS_PER_MINUTE,
                "--hotline.speech.findings.max-chars-per-minute=" + SpeechTest.MAX_CHARS_PER_MINUTE);
    }

    private static List<String> oneRecognizer() {
        List<String> arguments = new java.util.ArrayList<>(withModel());
        arguments.add("--hotline.speech.threads=1");
        return arguments;
    }
}
