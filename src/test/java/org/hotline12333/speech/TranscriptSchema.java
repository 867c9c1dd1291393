package org.hotline12333.speech;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** {@code recordings-schema/transcript.schema.json}, as a validator. */
final class TranscriptSchema {

    static final Path FILE = Path.of("recordings-schema", "transcript.schema.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TranscriptSchema() {
    }

    /** What is wrong with the sidecar, as messages; empty when it is valid. */
    static List<String> problems(Path sidecar) {
        try {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(JSON.readTree(Files.readString(FILE)));
            return schema.validate(JSON.readTree(Files.readString(sidecar))).stream()
                    .map(Object::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
