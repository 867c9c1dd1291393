package org.hotline12333.ivr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The script author's check, without starting the service:
 * {@code ivr-scripts/check.sh [--skill-groups a,b,c] [--posts x,y] [directory]}. Prints every problem as
 * file:line: message and exits with 1 when there is any.
 */
public final class IvrScriptCheck {

    private IvrScriptCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Checks and prints; returns 0 when every script is valid, 1 when there are problems, 2 on bad arguments. */
    static int run(String[] args, java.io.PrintStream out) {
        Path directory = Path.of("ivr-scripts");
        Set<String> groups = null;
        Set<String> posts = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--skill-groups" -> groups = list(args[++i]);
                case "--posts" -> posts = list(args[++i]);
                default -> directory = Path.of(args[i]);
            }
        }
        if (!Files.isDirectory(directory)) {
            out.println(directory + " is not a directory of IVR scripts");
            return 2;
        }
        Set<String> knownGroups = groups;
        Set<String> knownPosts = posts;
        ScriptCompiler.Compiled compiled = ScriptCompiler.compile(directory, new ScriptCompiler.Destinations() {
            @Override
            public boolean skillGroupExists(String group) {
                return knownGroups == null || knownGroups.contains(group);
            }

            @Override
            public boolean postExists(String post) {
                return knownPosts == null || knownPosts.contains(post);
            }

            @Override
            public boolean queryExists(String query) {
                return SelfServiceDirectory.Query.byScriptName(query).isPresent();
            }
        });
        for (ScriptProblem problem : compiled.problems()) {
            out.println(directory.resolve(problem.file()) + ":" + problem.line() + ": " + problem.message());
        }
        if (groups == null || posts == null) {
            out.println("note: skill groups and posts were not checked (give --skill-groups and --posts)");
        }
        List<String> names = compiled.scripts().keySet().stream().sorted().toList();
        out.println(compiled.problems().isEmpty() ? "OK: " + names
                : compiled.problems().size() + " problem(s); valid: " + names);
        return compiled.problems().isEmpty() ? 0 : 1;
    }

    private static Set<String> list(String commaSeparated) {
        return new HashSet<>(Arrays.asList(commaSeparated.split(",")));
    }
}
