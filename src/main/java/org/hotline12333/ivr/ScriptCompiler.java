package org.hotline12333.ivr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and checks everything in an ivr-scripts directory: the prompt list, the calendar and every script, and
 * reports all problems at once, each with file and line. Used by the service (at start and on reload) and by the
 * command script authors run ({@link IvrScriptCheck}).
 */
final class ScriptCompiler {

    static final String SCHEMA_FILE = "schema.json";
    private static final Set<String> NOT_SCRIPTS = Set.of(PromptCatalog.FILE, OpeningCalendar.FILE);

    /** What scripts may send callers to, outside the scripts themselves. */
    interface Destinations {
        boolean skillGroupExists(String group);

        boolean postExists(String post);

        boolean queryExists(String query);
    }

    /**
     * @param scripts        the scripts without problems, by name
     * @param sharedProblems problems in prompts.yaml, calendar.yaml or the schema, which hold back every script
     * @param problems       every problem, shared ones included
     */
    record Compiled(Map<String, IvrScript> scripts, PromptCatalog prompts, OpeningCalendar calendar,
                    List<ScriptProblem> sharedProblems, List<ScriptProblem> problems) {
    }

    private ScriptCompiler() {
    }

    static Compiled compile(Path directory, Destinations destinations) {
        List<ScriptProblem> shared = new ArrayList<>();
        PromptCatalog prompts = PromptCatalog.read(directory, shared);
        OpeningCalendar calendar = OpeningCalendar.read(directory, shared);
        ScriptSchema schema = ScriptSchema.load(directory.resolve(SCHEMA_FILE));
        List<ScriptProblem> all = new ArrayList<>(shared);
        Map<String, IvrScript> scripts = new LinkedHashMap<>();
        Map<String, String> fileOfName = new LinkedHashMap<>();
        for (Path file : scriptFiles(directory)) {
            YamlDocument document = YamlDocument.read(file);
            List<ScriptProblem> problems = new ArrayList<>(document.problems());
            if (!document.readable()) {
                all.addAll(problems);
                continue;
            }
            ScriptSchema.Result shape = schema.check(document);
            problems.addAll(shape.all());
            if (document.problems().isEmpty() && shape.outside().isEmpty()) {
                IvrScript script = ScriptBuilder.build(document, version(file), shape.byNode().keySet());
                problems.addAll(ScriptChecks.check(script, document, prompts, destinations,
                        shape.byNode().keySet()));
                String clash = fileOfName.putIfAbsent(script.name(), document.file());
                if (clash != null) {
                    problems.add(document.problem("name", "menu name '" + script.name() + "' is already used by " + clash));
                }
                if (problems.isEmpty()) {
                    scripts.put(script.name(), script);
                }
            }
            problems.sort(java.util.Comparator.comparingInt(ScriptProblem::line));
            all.addAll(problems);
        }
        return new Compiled(Map.copyOf(scripts), prompts, calendar, List.copyOf(shared), List.copyOf(all));
    }

    private static List<Path> scriptFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !NOT_SCRIPTS.contains(f.getFileName().toString()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list IVR scripts in " + directory, e);
        }
    }

    private static String version(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
