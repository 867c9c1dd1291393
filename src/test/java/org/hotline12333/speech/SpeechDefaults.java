package org.hotline12333.speech;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link SpeechProperties} as Spring binds them: the defaults, with the given properties over them. */
final class SpeechDefaults {

    private SpeechDefaults() {
    }

    /** @param overrides property names under {@code hotline.speech.} and values, alternating */
    static SpeechProperties properties(String... overrides) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            values.put("hotline.speech." + overrides[i], overrides[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("hotline.speech", SpeechProperties.class);
    }
}
