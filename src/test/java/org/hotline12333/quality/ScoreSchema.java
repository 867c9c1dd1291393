package org.hotline12333.quality;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code recordings-schema/score.schema.json}, with formats (date-time) asserted. */
final class ScoreSchema {

    private ScoreSchema() {
    }

    /** What is wrong with the score sidecar; empty when it is valid. */
    static List<String> problems(Path sidecar) throws IOException {
        var config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        registry -> registry.schemaRegistryConfig(config))
                .getSchema(Files.readString(Path.of("recordings-schema/score.schema.json")), InputFormat.JSON);
        return schema.validate(Files.readString(sidecar), InputFormat.JSON).stream().map(Object::toString).toList();
    }
}
