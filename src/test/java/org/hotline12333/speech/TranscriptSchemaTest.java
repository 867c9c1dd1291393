package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcript schema rejects what a reader of sidecars could not rely on. */
class TranscriptSchemaTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            {"recordingId":"r-1","callId":"c-1","model":"vosk-model-small-cn-0.22","sampleRate":8000,
             "transcribedAt":"2026-11-23T10:00:00Z",
             "utterances":[{"speaker":"agent","start":0.5,"end":1.2,"text":"您好",
                            "words":[{"word":"您好","start":0.5,"end":1.2,"confidence":0.93}]}]}""";

    @Test
    void aTranscriptAsTheServiceWritesItIsValid() throws Exception {
        assertThat(TranscriptSchema.problems(Files.writeString(dir.resolve("valid.json"), VALID))).isEmpty();
    }

    @Test
    void anUnknownSpeakerAMissingModelOrAConfidenceAboveOneIsNot() throws Exception {
        Path supervisor = Files.writeString(dir.resolve("a.json"), VALID.replace("\"agent\"", "\"supervisor\""));
        Path noModel = Files.writeString(dir.resolve("b.json"), VALID.replace("\"model\":\"vosk-model-small-cn-0.22\",", ""));
        Path overConfident = Files.writeString(dir.resolve("c.json"), VALID.replace("0.93", "1.5"));

        assertThat(TranscriptSchema.problems(supervisor)).singleElement().asString().contains("speaker");
        assertThat(TranscriptSchema.problems(noModel)).singleElement().asString().contains("model");
        assertThat(TranscriptSchema.problems(overConfident)).singleElement().asString().contains("confidence");
    }
}
