package org.hotline12333.call;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The IVR's findings about a call, kept as a small JSON object in the call record. */
final class CallData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CallData() {
    }

    static String format(Map<String, String> data) {
        return data == null || data.isEmpty() ? null : JSON.writeValueAsString(new LinkedHashMap<>(data));
    }

    static Map<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return Map.copyOf(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
