package org.hotline12333.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hotline12333.ivr.ScriptProblem;
import org.hotline12333.ivr.YamlDocument;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks the classification tree (docs/cases.md): three levels of classes, each with a quoted 6-digit code
 * inside its parent's and a name. Every problem is reported at once with file and line; any problem refuses the file.
 */
final class ClassificationFile {

    private static final Pattern CODE = Pattern.compile("\\d{6}");
    private static final Set<String> ROOT_KEYS = Set.of("standard", "branch", "classes");
    private static final Set<String> CLASS_KEYS = Set.of("code", "name", "classes");
    private static final Classification.Level[] LEVELS = Classification.Level.values();

    private final YamlDocument document;
    private final List<ScriptProblem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<Classification> all = new ArrayList<>();

    private ClassificationFile(YamlDocument document) {
        this.document = document;
    }

    /** The file's tree and its classes in order, or an {@link InvalidFile} saying everything wrong with it. */
    static Loaded read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidFile(file, List.of(new ScriptProblem(file.toString(), 0,
                    "no such file (hotline.cases.classification-file)")));
        }
        ClassificationFile reader = new ClassificationFile(YamlDocument.read(file));
        reader.problems.addAll(reader.document.problems());
        ClassificationTree tree = reader.document.readable() ? reader.tree() : null;
        if (!reader.problems.isEmpty()) {
            throw new InvalidFile(file, reader.problems);
        }
        return new Loaded(tree, List.copyOf(reader.all));
    }

    record Loaded(ClassificationTree tree, List<Classification> classes) {
    }

    private ClassificationTree tree() {
        JsonNode root = document.root();
        unknownKeys(root, "", ROOT_KEYS);
        if (!root.path("branch").isString() || root.path("branch").asString().isBlank()) {
            problem("branch", "'branch' names the branch of the tree (e.g. 人力资源和社会保障)");
        }
        List<ClassificationTree.Node> majors = classes(root, "", null, 0);
        if (majors.isEmpty() && problems.isEmpty()) {
            problem("classes", "the tree has no classes");
        }
        return new ClassificationTree(root.path("standard").asString(null), root.path("branch").asString(null),
                majors);
    }

    private List<ClassificationTree.Node> classes(JsonNode parent, String at, Classification parentClass, int level) {
        String listAt = at.isEmpty() ? "classes" : at + "/classes";
        JsonNode list = parent.path("classes");
        if (!list.isArray() || list.isEmpty()) {
            problem(at.isEmpty() ? "" : at, (parentClass == null ? "the file" : describe(parentClass))
                    + " needs 'classes': a list of " + LEVELS[level].name().toLowerCase() + " classes");
            return List.of();
        }
        List<ClassificationTree.Node> nodes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ClassificationTree.Node node = node(list.get(i), listAt + "/" + i, parentClass, level);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    private ClassificationTree.Node node(JsonNode node, String at, Classification parent, int level) {
        if (!node.isObject()) {
            problem(at, "a class is {code: \"110101\", name: ...}");
            return null;
        }
        unknownKeys(node, at, CLASS_KEYS);
        String code = code(node.path("code"), at, parent, level);
        String name = node.path("name").isString() ? node.path("name").asString().strip() : "";
        if (name.isEmpty()) {
            problem(at, "class " + (code == null ? "" : code + " ") + "has no name");
        }
        if (code == null || name.isEmpty()) {
            return null;
        }
        Classification.Level kind = LEVELS[level];
        Classification made = new Classification(code, name, kind, parent == null ? null : parent.code(),
                parent == null ? name : parent.path() + " / " + name);
        Integer first = lines.putIfAbsent(code, document.line(at + "/code"));
        if (first != null) {
            problem(at + "/code", "code " + code + " is used twice (first on line " + first + ")");
            return null;
        }
        all.add(made);
        if (kind == Classification.Level.MINOR) {
            if (node.has("classes")) {
                problem(at + "/classes", describe(made) + " is a minor class: it has no classes under it");
            }
            return new ClassificationTree.Node(code, name, kind, List.of());
        }
        return new ClassificationTree.Node(code, name, kind, classes(node, at, made, level + 1));
    }

    private String code(JsonNode value, String at, Classification parent, int level) {
        String where = at + "/code";
        if (value.isNumber()) {
            problem(where, "code " + value.asString() + " must be quoted (\"" + value.asString()
                    + "\"): YAML reads unquoted digits as a number");
            return null;
        }
        String code = value.isString() ? value.asString().strip() : "";
        if (!CODE.matcher(code).matches()) {
            problem(code.isEmpty() ? at : where, code.isEmpty() ? "a class needs a code" : "code '" + code
                    + "' is not 6 digits");
            return null;
        }
        String expected = switch (LEVELS[level]) {
            case MAJOR -> code.endsWith("0000") && !code.startsWith("00") ? null : "a major class is NN0000";
            case MEDIUM -> code.startsWith(parent.code().substring(0, 2)) && code.endsWith("00")
                    && !code.substring(2, 4).equals("00") ? null
                    : "a medium class under " + parent.code() + " is " + parent.code().substring(0, 2) + "MM00";
            case MINOR -> code.startsWith(parent.code().substring(0, 4)) && !code.endsWith("00") ? null
                    : "a minor class under " + parent.code() + " is " + parent.code().substring(0, 4) + "PP";
        };
        if (expected != null) {
            problem(where, "code " + code + " does not fit here: " + expected + " (PP, MM not 00)");
            return null;
        }
        return code;
    }

    private void unknownKeys(JsonNode node, String at, Set<String> known) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                problem(at.isEmpty() ? key : at + "/" + key, "unknown key '" + key + "' (known: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    private void problem(String at, String message) {
        problems.add(document.problem(at, message));
    }

    private static String describe(Classification c) {
        return c.level().name().toLowerCase() + " class " + c.code() + " (" + c.name() + ")";
    }

    /** The file cannot be used: every problem, file:line each. */
    static final class InvalidFile extends IllegalStateException {

        private final List<ScriptProblem> problems;

        InvalidFile(Path file, List<ScriptProblem> problems) {
            super("The classification tree " + file.toAbsolutePath() + " has " + problems.size() + " problem(s):\n"
                    + problems.stream().map(ScriptProblem::toString).collect(Collectors.joining("\n")));
            this.problems = List.copyOf(problems);
        }

        List<ScriptProblem> problems() {
            return problems;
        }
    }
}
