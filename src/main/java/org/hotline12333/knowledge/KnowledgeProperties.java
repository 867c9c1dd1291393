package org.hotline12333.knowledge;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The knowledge base (docs/knowledge.md).
 *
 * @param seed           articles read into the empty knowledge base on the first start, approved as they are; empty:
 *                       none
 * @param zone           where a day begins, for effective dates and expiries
 * @param maxQueryLength the longest search text, in characters; a longer one is refused (400)
 */
@Validated
@ConfigurationProperties("hotline.knowledge")
public record KnowledgeProperties(@DefaultValue("classpath:knowledge/articles-12333.yml") String seed,
                                  @DefaultValue("Asia/Shanghai") @NotNull ZoneId zone,
                                  @DefaultValue("200") @Min(10) @Max(2000) int maxQueryLength) {
}
