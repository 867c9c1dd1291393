package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotline12333.speech.KeywordRecognizer.KeywordMatch;
import org.hotline12333.testkit.SpokenAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IVR's keyword recognition through the recognizer port, on callers' answers rendered as telephone audio. */
class SpeechKeywordsTest {

    @TempDir
    Path dir;

    private final SpeechModelStandIn standIn = new SpeechModelStandIn();
    private final SpeechKeywords keywords = new SpeechKeywords(standIn, new RecognizerPool(1), SpeechDefaults.properties());

    @Test
    void theKeywordHeardInTheAnswerIsRecognizedListeningOnlyForTheMenusKeywords() {
        Path answer = answer("我要查医保");

        assertThat(keywords.available()).isTrue();
        assertThat(keywords.recognize(answer, List.of("养老", "医保", "失业"))).contains(new KeywordMatch("医保", 1.0));
        assertThat(standIn.grammarsHeard()).containsExactly("养老|医保|失业");
    }

    @Test
    void theLongestKeywordHeardWins() {
        assertThat(keywords.recognize(answer("养老保险"), List.of("养老", "养老保险"))).map(KeywordMatch::keyword)
                .contains("养老保险");
    }

    @Test
    void noKeywordHeardOrAnswerUnreadableMeansNone() throws Exception {
        Path notAudio = Files.writeString(dir.resolve("broken.wav"), "no audio here");
        standIn.says(notAudio, List.of("医保"));

        assertThat(keywords.recognize(answer("你好"), List.of("养老", "医保"))).isEmpty();
        assertThat(keywords.recognize(notAudio, List.of("医保"))).isEmpty();
        assertThat(keywords.recognize(answer("医保"), List.of(" "))).isEmpty();
    }

    @Test
    void withoutAModelKeywordsAreUnavailable() {
        SpeechKeywords withoutModel = new SpeechKeywords(new VoskRecognizer(SpeechDefaults.properties()),
                new RecognizerPool(1), SpeechDefaults.properties());

        assertThat(withoutModel.available()).isFalse();
        assertThat(withoutModel.recognize(answer("医保"), List.of("医保"))).isEmpty();
    }

    private Path answer(String said) {
        Path file = SpokenAudio.leg().silence(0.5).say(said).silence(0.5)
                .render(dir.resolve("answer-" + Math.abs(said.hashCode()) + ".wav")).file();
        standIn.says(file, List.of(said));
        return file;
    }
}
