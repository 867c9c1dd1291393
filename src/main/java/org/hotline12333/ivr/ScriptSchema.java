package org.hotline12333.ivr;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ivr-scripts/schema.json applied to a script. The schema says what a node may look like in one of eleven ways;
 * a plain JSON Schema report on such a node ("must be valid to one and only one schema") helps nobody, so each node
 * is checked against the one kind its key names, and the report says what is wrong with that kind.
 */
final class ScriptSchema {

    /** A node's kind is named by the key that says what it does. */
    static final Map<String, String> NODE_KINDS = kinds();

    private final SchemaRegistry registry;
    private final String id;
    private final Schema document;

    private ScriptSchema(SchemaRegistry registry, String id) {
        this.registry = registry;
        this.id = id;
        this.document = registry.getSchema(SchemaLocation.of(id));
    }

    static ScriptSchema load(Path schemaFile) {
        try {
            String text = Files.readString(schemaFile, StandardCharsets.UTF_8);
            String id = JsonMapper.builder().build().readTree(text).path("$id").asString();
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemas(Map.of(id, text)));
            return new ScriptSchema(registry, id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IVR script schema " + schemaFile, e);
        }
    }

    /**
     * @param outside problems outside the nodes (name, start, the nodes map itself)
     * @param byNode  problems of each node that has any
     */
    record Result(List<ScriptProblem> outside, Map<String, List<ScriptProblem>> byNode) {

        List<ScriptProblem> all() {
            List<ScriptProblem> all = new ArrayList<>(outside);
            byNode.values().forEach(all::addAll);
            return all;
        }
    }

    Result check(YamlDocument script) {
        JsonNode root = script.root();
        List<ScriptProblem> outside = new ArrayList<>();
        for (Error error : document.validate(root)) {
            String path = path(error.getInstanceLocation());
            if (!path.matches("nodes/[^/]+(/.*)?")) {
                outside.add(script.problem(path, describe(error)));
            }
        }
        Map<String, List<ScriptProblem>> byNode = new LinkedHashMap<>();
        JsonNode nodes = root.path("nodes");
        if (nodes.isObject()) {
            for (Map.Entry<String, JsonNode> node : nodes.properties()) {
                List<ScriptProblem> problems = checkNode(script, node.getKey(), node.getValue());
                if (!problems.isEmpty()) {
                    byNode.put(node.getKey(), problems);
                }
            }
        }
        return new Result(outside, byNode);
    }

    private List<ScriptProblem> checkNode(YamlDocument script, String name, JsonNode node) {
        String at = "nodes/" + name;
        if (!node.isObject()) {
            return List.of(script.problem(at, "node '" + name + "' must be a map"));
        }
        Optional<String> kind = kindOf(node);
        if (kind.isEmpty()) {
            return List.of(script.problem(at, "node '" + name + "' does not say what it does: it needs one of "
                    + String.join(", ", NODE_KINDS.keySet())));
        }
        Schema schema = registry.getSchema(SchemaLocation.of(id + "#/$defs/" + NODE_KINDS.get(kind.get())));
        List<ScriptProblem> problems = new ArrayList<>();
        for (Error error : schema.validate(node)) {
            String inside = path(error.getInstanceLocation());
            problems.add(script.problem(inside.isEmpty() ? at : at + "/" + inside,
                    "node '" + name + "' (" + kind.get() + "): " + describe(error)));
        }
        return problems;
    }

    static Optional<String> kindOf(JsonNode node) {
        return NODE_KINDS.keySet().stream().filter(node::has).findFirst();
    }

    private static String describe(Error error) {
        String where = path(error.getInstanceLocation());
        String message = error.getMessage();
        if ("oneOf".equals(error.getKeyword())) {
            if (where.contains("/say/")) {
                return "a say item needs exactly one of prompt, number, money, date, digits, prompt-of (with prefix)";
            }
            return "an action needs exactly one of goto, transfer or hangup";
        }
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            return "'" + error.getProperty() + "' is not something this can have";
        }
        return where.isEmpty() ? message : "'" + lastName(where) + "' " + message;
    }

    private static String lastName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String path(NodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(location.getElement(i));
        }
        return path.toString();
    }

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("play", "playNode");
        kinds.put("menu", "menuNode");
        kinds.put("collect", "collectNode");
        kinds.put("verify", "verifyNode");
        kinds.put("query", "queryNode");
        kinds.put("say", "sayNode");
        kinds.put("branch", "branchNode");
        kinds.put("transfer", "transferNode");
        kinds.put("callback", "callbackNode");
        kinds.put("set", "setNode");
        kinds.put("hangup", "hangupNode");
        return kinds;
    }
}
