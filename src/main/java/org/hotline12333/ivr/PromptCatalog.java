package org.hotline12333.ivr;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The prompts the hotline has, from ivr-scripts/prompts.yaml: name and Mandarin text. */
final class PromptCatalog {

    static final String FILE = "prompts.yaml";

    private final Map<String, String> texts;

    private PromptCatalog(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    /** Reads the catalog; problems in it are added to {@code problems}. */
    static PromptCatalog read(Path directory, List<ScriptProblem> problems) {
        YamlDocument document = YamlDocument.read(directory.resolve(FILE));
        problems.addAll(document.problems());
        Map<String, String> texts = new LinkedHashMap<>();
        JsonNode prompts = document.root().path("prompts");
        if (!prompts.isObject()) {
            problems.add(document.problem("", "prompts.yaml needs a 'prompts' map of name: text"));
        }
        for (Map.Entry<String, JsonNode> prompt : prompts.properties()) {
            if (!prompt.getKey().matches("[a-z0-9][a-z0-9-]*") || !prompt.getValue().isString()
                    || prompt.getValue().asString().isBlank()) {
                problems.add(document.problem("prompts/" + prompt.getKey(),
                        "a prompt needs a lower-case name and a text"));
                continue;
            }
            texts.put(prompt.getKey(), prompt.getValue().asString());
        }
        return new PromptCatalog(texts);
    }

    boolean has(String name) {
        return texts.containsKey(name);
    }

    String text(String name) {
        return texts.get(name);
    }

    boolean hasPrefix(String prefix) {
        return texts.keySet().stream().anyMatch(name -> name.startsWith(prefix));
    }

    List<String> names() {
        return new ArrayList<>(texts.keySet());
    }
}
