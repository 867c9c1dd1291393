package org.hotline12333.ivr;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A YAML file read as a JSON tree that remembers the line of every value, so that problems found later (by the
 * JSON Schema or by the service's own checks) can say where they are. Paths are written {@code nodes/main/options/1}.
 * Public for other features' hand-edited files (the cases feature's classification tree).
 */
public final class YamlDocument {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final YamlLimits LIMITS = new YamlLimits();

    private final String file;
    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final List<ScriptProblem> problems;

    private YamlDocument(String file, JsonNode root, Map<String, Integer> lines, List<ScriptProblem> problems) {
        this.file = file;
        this.root = root;
        this.lines = lines;
        this.problems = problems;
    }

    /**
     * Reads a file; never throws for what is in it. Whatever is wrong (invalid YAML, a limit exceeded, an alias that
     * refers to itself) is a problem of this file with its line, and other files are read as usual.
     */
    public static YamlDocument read(Path path) {
        String file = path.getFileName().toString();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Node yaml = new Yaml(new SafeConstructor(LIMITS.options())).compose(reader);
            Map<String, Integer> lines = new HashMap<>();
            List<ScriptProblem> problems = new ArrayList<>();
            if (yaml == null) {
                problems.add(new ScriptProblem(file, 1, "the file is empty"));
                return new YamlDocument(file, JSON.objectNode(), lines, problems);
            }
            JsonNode root = new Walk(file, lines, problems).toJson(yaml, "", 0);
            return new YamlDocument(file, root, lines, problems);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            return failed(file, line, "not valid YAML: " + e.getProblem());
        } catch (YamlLimits.Exceeded e) {
            return failed(file, e.line(), e.getMessage());
        } catch (YAMLException e) {
            // limits SnakeYAML enforces without saying where (aliases, size)
            return failed(file, LIMITS.lineOf(path, e), "not accepted: " + e.getMessage());
        } catch (IOException e) {
            return failed(file, 1, "cannot be read: " + e.getMessage());
        }
    }

    private static YamlDocument failed(String file, int line, String message) {
        return new YamlDocument(file, JSON.objectNode(), Map.of(), List.of(new ScriptProblem(file, line, message)));
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** False when the file could not be read or parsed at all: there is nothing further to check. */
    public boolean readable() {
        return !lines.isEmpty();
    }

    /** Problems found while reading: invalid YAML, duplicate keys. */
    public List<ScriptProblem> problems() {
        return problems;
    }

    /** The line of the value at this path, or of the nearest enclosing value that has one. */
    public int line(String path) {
        String at = path;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 1;
            }
            int slash = at.lastIndexOf('/');
            at = slash < 0 ? "" : at.substring(0, slash);
        }
    }

    public ScriptProblem problem(String path, String message) {
        return new ScriptProblem(file, line(path), message);
    }

    /** YAML nodes as JSON, aliases expanded within {@link YamlLimits}: never endlessly, never without bound. */
    private static final class Walk {
        private final String file;
        private final Map<String, Integer> lines;
        private final List<ScriptProblem> problems;
        private final Set<Node> enclosing = Collections.newSetFromMap(new IdentityHashMap<>());
        private int values;
        /** The line of the top-level entry being read: inside an alias, values carry the anchor's lines instead. */
        private int entryLine = 1;

        Walk(String file, Map<String, Integer> lines, List<ScriptProblem> problems) {
            this.file = file;
            this.lines = lines;
            this.problems = problems;
        }

        JsonNode toJson(Node node, String path, int depth) {
            int line = node.getStartMark().getLine() + 1;
            LIMITS.check(node, line, entryLine, depth, ++values, enclosing);
            lines.put(path, line);
            if (node instanceof MappingNode || node instanceof SequenceNode) {
                enclosing.add(node);
                try {
                    return collection(node, path, depth);
                } finally {
                    enclosing.remove(node);
                }
            }
            return scalar((ScalarNode) node);
        }

        private JsonNode collection(Node node, String path, int depth) {
            if (node instanceof MappingNode mapping) {
                ObjectNode object = JSON.objectNode();
                for (NodeTuple entry : mapping.getValue()) {
                    String key = entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                    String childPath = path.isEmpty() ? key : path + "/" + key;
                    if (depth == 0) {
                        entryLine = entry.getKeyNode().getStartMark().getLine() + 1;
                    }
                    if (object.has(key)) {
                        problems.add(new ScriptProblem(file, entry.getKeyNode().getStartMark().getLine() + 1,
                                "'" + key + "' appears twice"));
                    }
                    object.set(key, toJson(entry.getValueNode(), childPath, depth + 1));
                    lines.put(childPath, entry.getKeyNode().getStartMark().getLine() + 1);
                }
                return object;
            }
            SequenceNode sequence = (SequenceNode) node;
            ArrayNode array = JSON.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                array.add(toJson(items.get(i), path + "/" + i, depth + 1));
            }
            return array;
        }

        private static JsonNode scalar(ScalarNode scalar) {
            String value = scalar.getValue();
            Tag tag = scalar.getTag();
            try {
                if (Tag.INT.equals(tag)) {
                    return JSON.numberNode(Long.parseLong(value.replace("_", "")));
                }
                if (Tag.FLOAT.equals(tag)) {
                    return JSON.numberNode(Double.parseDouble(value.replace("_", "")));
                }
            } catch (NumberFormatException e) {
                return JSON.stringNode(value);
            }
            if (Tag.BOOL.equals(tag)) {
                return JSON.booleanNode(Boolean.parseBoolean(value.toLowerCase()) || value.equalsIgnoreCase("yes")
                        || value.equalsIgnoreCase("on"));
            }
            if (Tag.NULL.equals(tag)) {
                return JSON.nullNode();
            }
            return JSON.stringNode(value);
        }
    }
}
