package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.hotline12333.speech.KeywordRecognizer.KeywordMatch;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.testkit.SpokenAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Vosk model hearing Mandarin rendered by espeak-ng as 8 kHz telephone audio. Skipped, with the reason,
 * on machines without a model ({@link VoskTestModel}).
 */
class VoskModelTest {

    /**
     * The highest character error rate accepted over {@link SpeechScenarios#SENTENCES}. NOT YET MEASURED: no model
     * could be had where this was written, so this is a first guess, not a figure. Set it from the first
     * measurement with a model (this test prints the CER it measures; {@code ./mvnw -Pbench verify} reports it for
     * 8 kHz and 16 kHz), with a small margin, and write the measurement in docs/speech.md.
     */
    static final double CER_BOUND_TO_BE_SET_FROM_FIRST_MEASUREMENT = 0.5;

    @TempDir
    static Path dir;

    private static VoskRecognizer vosk;

    @BeforeAll
    static void loadTheModel() {
        if (VoskTestModel.find().isPresent()) {
            vosk = VoskTestModel.load();
        }
    }

    /** Each test shows as skipped, with the reason, when there is no model. */
    @BeforeEach
    void needsTheModel() {
        VoskTestModel.require();
    }

    @AfterAll
    static void closeTheModel() {
        if (vosk != null) {
            vosk.stop();
        }
    }

    @Test
    void transcriptsOfTelephoneSpeechStayWithinTheMeasuredCharacterErrorRate() throws Exception {
        LegTranscriber transcriber = new LegTranscriber(vosk, new RecognizerPool(1));
        int edits = 0;
        int characters = 0;
        for (int i = 0; i < SpeechScenarios.SENTENCES.size(); i++) {
            String said = SpeechScenarios.SENTENCES.get(i);
            Path audio = SpokenAudio.leg().silence(0.3).say(said).silence(0.5).render(dir.resolve("s" + i + ".wav")).file();
            String heard = transcriber.transcribe(audio, Speaker.CALLER, 8000, () -> false).utterances().stream()
                    .map(Utterance::text).collect(Collectors.joining());
            System.out.printf("said 「%s」 heard 「%s」 CER %.3f%n", said, heard, CharacterErrorRate.of(said, heard));
            edits += CharacterErrorRate.edits(said, heard);
            characters += CharacterErrorRate.length(said);
        }
        double cer = (double) edits / characters;
        System.out.printf("character error rate with %s at 8 kHz: %.3f%n", vosk.status().model(), cer);

        assertThat(cer).isLessThanOrEqualTo(CER_BOUND_TO_BE_SET_FROM_FIRST_MEASUREMENT);
    }

    @Test
    void theIvrHearsTheKeywordTheCallerSaid() {
        SpeechKeywords keywords = new SpeechKeywords(vosk, new RecognizerPool(1), SpeechDefaults.properties());
        Path answer = SpokenAudio.leg().silence(0.5).say("医保").silence(0.5).render(dir.resolve("answer.wav")).file();

        assertThat(keywords.available()).isTrue();
        assertThat(keywords.recognize(answer, List.of("养老", "医保", "失业"))).map(KeywordMatch::keyword).contains("医保");
    }
}
