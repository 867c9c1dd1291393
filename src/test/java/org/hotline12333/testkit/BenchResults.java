package org.hotline12333.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks' shared result file, {@code target/bench/results.json}: one flat JSON object of numbers. Each
 * benchmark adds or replaces its own keys and leaves the others.
 */
public final class BenchResults {

    public static final Path FILE = Path.of("target", "bench", "results.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchResults() {
    }

    public static synchronized void record(Map<String, ? extends Number> figures) {
        try {
            Map<String, Number> all = new TreeMap<>();
            if (Files.exists(FILE)) {
                all.putAll(JSON.readValue(FILE.toFile(), new TypeReference<Map<String, Number>>() { }));
            }
            all.putAll(figures);
            Files.createDirectories(FILE.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(FILE.toFile(), all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
