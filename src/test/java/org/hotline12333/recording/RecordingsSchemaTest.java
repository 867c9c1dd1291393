package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schemas speech and quality build on: their examples are valid, and they refuse what they must. */
class RecordingsSchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"recording", "transcript", "score"})
    void eachExampleIsValidAgainstItsSchema(String name) {
        assertThat(Schemas.errors(name, Schemas.FOLDER.resolve("examples/" + name + ".example.json"))).isEmpty();
    }

    @Test
    void aCompleteRecordingMustHaveEveryFileHashedAndNoFailure() throws IOException {
        String example = example("recording");

        assertThat(Schemas.errors("recording", example.replaceFirst(
                "\"sha256\": \"9f2c[0-9a-f]+\"", "\"sha256\": null"))).isNotEmpty();
        assertThat(Schemas.errors("recording", example.replace("\"failureReason\": null",
                "\"failureReason\": \"caller side missing\""))).isNotEmpty();
        assertThat(Schemas.errors("recording", example.replace("\"state\": \"COMPLETE\"", "\"state\": \"FAILED\"")))
                .as("a FAILED recording says why").isNotEmpty();
        assertThat(Schemas.errors("recording", example.replace("\"startedAt\": \"2025-11-23T02:15:07.120Z\"",
                "\"startedAt\": \"yesterday\""))).as("date-time format is asserted").isNotEmpty();
    }

    @Test
    void aRecordingFileMustStayInsideTheRecordingsDirectory() throws IOException {
        String example = example("recording");

        assertThat(Schemas.errors("recording", example.replace("\"path\": \"2025/11/23/central/c7a1e2d3",
                "\"path\": \"../../etc/c7a1e2d3"))).isNotEmpty();
        assertThat(Schemas.errors("recording", example.replace("\"path\": \"2025/11/23/central/c7a1e2d3",
                "\"path\": \"/var/c7a1e2d3"))).isNotEmpty();
    }

    @Test
    void aTranscriptSpeakerIsTheCallerOrTheAgentAndConfidenceIsAtMostOne() throws IOException {
        String example = example("transcript");

        assertThat(Schemas.errors("transcript", example.replace("\"speaker\": \"caller\"", "\"speaker\": \"robot\"")))
                .isNotEmpty();
        assertThat(Schemas.errors("transcript", example.replace("\"confidence\": 0.99", "\"confidence\": 1.5")))
                .isNotEmpty();
        assertThat(Schemas.errors("transcript", example.replace("\"model\": \"vosk-model-cn-0.22\",", "")))
                .isNotEmpty();
    }

    @Test
    void anAppliedVetoMakesTheTotalZero() throws IOException {
        String vetoed = example("score").replaceFirst("\"applied\": false", "\"applied\": true");

        assertThat(Schemas.errors("score", vetoed)).isNotEmpty();
        assertThat(Schemas.errors("score", vetoed.replace("\"total\": 92.5", "\"total\": 0"))).isEmpty();
    }

    private static String example(String name) throws IOException {
        return Files.readString(Schemas.FOLDER.resolve("examples/" + name + ".example.json"));
    }
}
