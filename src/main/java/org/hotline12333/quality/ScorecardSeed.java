package org.hotline12333.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * On the first start (no scorecard at all), reads the default scorecard from {@code hotline.quality.seed-scorecard}
 * as its version 1. From then on scorecards are managed through the API. The file has the shape of the API's
 * request body, plus the scorecard's {@code id}.
 */
@Component
class ScorecardSeed implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ScorecardSeed.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Scorecards scorecards;
    private final QualityProperties properties;
    private final ResourceLoader resources;

    ScorecardSeed(Scorecards scorecards, QualityProperties properties, ResourceLoader resources) {
        this.scorecards = scorecards;
        this.properties = properties;
        this.resources = resources;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String location = properties.seedScorecard();
        if (location == null || location.isBlank() || !scorecards.none()) {
            return;
        }
        Resource resource = resources.getResource(location);
        Map<String, Object> yaml;
        try (InputStream in = resource.getInputStream()) {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scorecard seed " + location, e);
        }
        if (yaml == null || !(yaml.get("id") instanceof String id)) {
            throw new IllegalStateException("the scorecard seed " + location + " names no 'id'");
        }
        Map<String, Object> content = new HashMap<>(yaml);
        content.remove("id");
        ScorecardSpec spec = JSON.convertValue(content, ScorecardSpec.class);
        Scorecard card = scorecards.put(id, spec, "seed").scorecard();
        log.info("Scorecard '{}' version {} seeded from {}: {} item(s), {} veto item(s)", card.id(), card.version(),
                location, card.items().size(), card.vetoes().size());
    }
}
