package org.hotline12333.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * Where tests find a real Vosk model: the folder named by {@code HOTLINE_TEST_VOSK_MODEL}, or an unpacked model in
 * {@code ../shared/models/} (a Chinese one first). Tests that need one are skipped, saying so, when there is none.
 */
final class VoskTestModel {

    static final String ENVIRONMENT = "HOTLINE_TEST_VOSK_MODEL";
    static final Path SHARED = Path.of("..", "shared", "models");

    private VoskTestModel() {
    }

    static Optional<Path> find() {
        String named = System.getenv(ENVIRONMENT);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(VoskTestModel::isModel);
        }
        if (!Files.isDirectory(SHARED)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(SHARED)) {
            return folders.filter(VoskTestModel::isModel)
                    .min(Comparator.comparing((Path p) -> !p.getFileName().toString().contains("cn"))
                            .thenComparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model, or the test is skipped with the reason. */
    static Path require() {
        Optional<Path> model = find();
        Assumptions.assumeTrue(model.isPresent(), VoskTestModel::missing);
        return model.get().toAbsolutePath().normalize();
    }

    /** The model loaded by the real adapter, or the test is skipped with the reason; fails when Vosk cannot load it. */
    static VoskRecognizer load(String... properties) {
        String[] all = java.util.Arrays.copyOf(properties, properties.length + 2);
        all[properties.length] = "model-path";
        all[properties.length + 1] = require().toString();
        VoskRecognizer vosk = new VoskRecognizer(SpeechDefaults.properties(all));
        vosk.start();
        awaitLoaded(vosk);
        return vosk;
    }

    static void awaitLoaded(SpeechRecognizer recognizer) {
        // a large model takes minutes to load on a busy machine
        Awaitility.await().atMost(Duration.ofMinutes(5))
                .until(() -> recognizer.status().state() != ModelStatus.State.LOADING);
        if (!recognizer.status().ready()) {
            throw new IllegalStateException("the Vosk model did not load: " + recognizer.status().reason());
        }
    }

    static String missing() {
        String named = System.getenv(ENVIRONMENT);
        return named != null && !named.isBlank()
                ? "no Vosk model: " + ENVIRONMENT + "=" + named + " is not an unpacked Vosk model (no am/final.mdl)"
                : "no Vosk model on this machine: none unpacked in " + SHARED.toAbsolutePath().normalize() + " and "
                + ENVIRONMENT + " not set (see docs/speech.md); this test needs the real model and is not faked";
    }

    private static boolean isModel(Path folder) {
        return Files.isRegularFile(folder.resolve("am/final.mdl")) || Files.isRegularFile(folder.resolve("final.mdl"));
    }
}
