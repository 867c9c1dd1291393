package org.hotline12333.fallback;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the service reads Asterisk's records of the calls its fallback handled (docs/scaling.md).
 *
 * @param cdrFiles       per Asterisk node (its name in hotline.asterisk.nodes), the path where the service reads that
 *                       node's {@code cdr-custom/hotline-cdr.csv}; a node without one is not imported from
 * @param importInterval how often the files are read for new records
 * @param settle         a record is taken once its call ended this long ago: every record of the call is written by
 *                       then, and the fallback's recording is closed
 */
@Validated
@ConfigurationProperties("hotline.fallback")
record FallbackProperties(@DefaultValue Map<String, Path> cdrFiles,
                          @DefaultValue("1m") @NotNull Duration importInterval,
                          @DefaultValue("30s") @NotNull Duration settle) {
}
