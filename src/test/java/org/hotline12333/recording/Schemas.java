package org.hotline12333.recording;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON Schemas of {@code recordings-schema/}, checked with a real JSON Schema validator (formats asserted). */
final class Schemas {

    static final Path FOLDER = Path.of("recordings-schema");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private Schemas() {
    }

    /** What is wrong with this document according to {@code <name>.schema.json}; empty when it is valid. */
    static List<String> errors(String name, String json) {
        return schema(name).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    static List<String> errors(String name, Path document) {
        try {
            return errors(name, Files.readString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema schema(String name) {
        try (InputStream in = Files.newInputStream(FOLDER.resolve(name + ".schema.json"))) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
