package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotline12333.speech.Transcript.Word;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Vosk adapter without a model: it says plainly why speech is off, whatever is wrong with the configured folder,
 * and the real native library reports a folder that is not a usable model. What it asks Vosk for and reads from it.
 */
class VoskRecognizerTest {

    @TempDir
    Path dir;

    @Test
    void withNoModelConfiguredSpeechIsOffAndSaysWhy() {
        VoskRecognizer vosk = new VoskRecognizer(SpeechDefaults.properties());
        vosk.start();

        assertThat(vosk.status().state()).isEqualTo(ModelStatus.State.OFF);
        assertThat(vosk.status().reason()).contains("hotline.speech.model-path is not set");
        assertThatThrownBy(() -> vosk.start(8000, List.of(), "caller.wav")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no speech model loaded");
    }

    @Test
    void aFolderThatIsMissingOrHoldsNoModelIsNamedInTheReason() throws Exception {
        Path missing = dir.resolve("vosk-model-small-cn-0.22");
        Path empty = Files.createDirectory(dir.resolve("models"));

        assertThat(new VoskRecognizer(SpeechDefaults.properties("model-path", missing.toString())).status().reason())
                .contains(missing.toString()).contains("does not exist");
        VoskRecognizer emptyFolder = new VoskRecognizer(SpeechDefaults.properties("model-path", empty.toString()));
        assertThat(emptyFolder.status().state()).isEqualTo(ModelStatus.State.OFF);
        assertThat(emptyFolder.status().reason()).contains("holds no Vosk model").contains("am/final.mdl");
    }

    @Test
    void aModelVoskCannotLoadTurnsSpeechOffWithVosksReason() throws Exception {
        Path broken = dir.resolve("vosk-model-broken");
        Files.createDirectories(broken.resolve("am"));
        Files.createDirectories(broken.resolve("conf"));
        Files.writeString(broken.resolve("am/final.mdl"), "not a model");
        Files.writeString(broken.resolve("conf/mfcc.conf"), "--sample-frequency=16000\n");
        VoskRecognizer vosk = new VoskRecognizer(SpeechDefaults.properties("model-path", broken.toString()));
        assertThat(vosk.status().state()).isEqualTo(ModelStatus.State.LOADING);

        vosk.start();
        await().until(() -> vosk.status().state() != ModelStatus.State.LOADING);
        vosk.stop();

        assertThat(vosk.status().state()).isEqualTo(ModelStatus.State.OFF);
        assertThat(vosk.status().model()).isEqualTo("vosk-model-broken");
        assertThat(vosk.status().reason()).contains("Vosk could not load the model").contains("Failed to create a model");
    }

    @Test
    void keywordsBecomeAGrammarOfWholePhrasesAndTheirCharacters() {
        assertThat(VoskRecognizer.grammar(List.of("医保", "养老 保险", "人")))
                .isEqualTo("[\"医保\",\"医 保\",\"养老保险\",\"养 老 保 险\",\"人\",\"[unk]\"]");
    }

    @Test
    void vosksResultBecomesASegmentOfWordsWithoutUnknownOnes() {
        String result = """
                {"result":[{"conf":0.91,"end":1.02,"start":0.51,"word":"您好"},
                           {"conf":0.4,"end":1.2,"start":1.02,"word":"[unk]"},
                           {"conf":1.0,"end":1.8,"start":1.2,"word":"医保"}],
                 "text":"您好 [unk] 医保"}""";

        assertThat(VoskRecognizer.segments(result)).containsExactly(new SpeechRecognizer.Segment(List.of(
                new Word("您好", 0.51, 1.02, 0.91), new Word("医保", 1.2, 1.8, 1.0))));
        assertThat(VoskRecognizer.segments("{\"text\":\"\"}")).isEmpty();
    }
}
