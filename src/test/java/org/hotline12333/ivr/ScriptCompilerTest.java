package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script checking, as the service and the authors' check command do it. */
class ScriptCompilerTest {

    static final Path SCRIPTS = Path.of("ivr-scripts");
    /** The skill groups of routing's seed (src/main/resources/routing/seed-12333.yml). */
    static final java.util.Set<String> GROUPS = java.util.Set.of("general", "pension", "medical", "unemployment",
            "work-injury", "maternity", "employment", "labour-relations", "personnel");
    /** The posts of routing's seed, which the real menu sends its fixed-desk lines to. */
    static final java.util.Set<String> POSTS = java.util.Set.of("pension-desk-1", "medical-desk-1",
            "employment-desk-1", "arbitration-desk");

    static final ScriptCompiler.Destinations TWELVE_THREE_THREE = new ScriptCompiler.Destinations() {
        @Override
        public boolean skillGroupExists(String group) {
            return GROUPS.contains(group);
        }

        @Override
        public boolean postExists(String post) {
            return POSTS.contains(post);
        }

        @Override
        public boolean queryExists(String query) {
            return SelfServiceDirectory.Query.byScriptName(query).isPresent();
        }
    };

    @Test
    void theReal12333MenuPassesEveryCheck() {
        ScriptCompiler.Compiled compiled = ScriptCompiler.compile(SCRIPTS, TWELVE_THREE_THREE);

        assertThat(compiled.problems()).isEmpty();
        IvrScript menu = compiled.scripts().get("12333");
        assertThat(menu.start()).isEqualTo("start");
        assertThat(((IvrScript.Menu) menu.node("main")).options()).containsOnlyKeys('1', '2', '3', '4', '5', '0');
    }

    @Test
    void everyMenuOfTheRealScriptOffersAPersonWithOneKey() {
        IvrScript menu = ScriptCompiler.compile(SCRIPTS, TWELVE_THREE_THREE).scripts().get("12333");

        assertThat(menu.nodes().values()).filteredOn(IvrScript.Menu.class::isInstance)
                .allSatisfy(node -> assertThat(((IvrScript.Menu) node).options()).containsKey('0'));
    }

    @Test
    void brokenScriptsAreRefusedWithEveryProblemAtItsLine(@TempDir Path dir) throws IOException {
        copyShared(dir);
        Files.writeString(dir.resolve("broken.yaml"), """
                name: broken
                start: main
                nodes:
                  main:
                    menu: [main-menu]
                    options:
                      "1": { goto: nowhere }
                      "2": { transfer: astrology }
                      "3": { goto: spin }
                      "0": { transfer: general, post: desk-99 }
                  spin:
                    play: [no-such-prompt]
                    next: spin
                  forgotten:
                    hangup: [goodbye]
                """);
        Files.writeString(dir.resolve("shapes.yaml"), """
                name: shapes
                start: main
                nodes:
                  main:
                    menu: [welcome]
                    options:
                      "1": { transfer: general, goto: main }
                      "0": { transfer: general }
                    timeout: five seconds
                  weird:
                    dance: true
                """);
        Files.writeString(dir.resolve("quiet.yaml"), """
                name: quiet
                start: main
                nodes:
                  main:
                    menu: [welcome]
                    options:
                      "1": { hangup: [goodbye] }
                """);
        Files.writeString(dir.resolve("unannounced.yaml"), """
                name: unannounced
                start: main
                nodes:
                  main:
                    menu: [welcome]
                    options:
                      "0": { transfer: general }
                """);

        ScriptCompiler.Compiled compiled = ScriptCompiler.compile(dir, TWELVE_THREE_THREE);

        assertThat(compiled.scripts()).isEmpty();
        assertThat(compiled.problems()).extracting(ScriptProblem::toString).containsExactlyInAnyOrder(
                "broken.yaml:7: goes to node 'nowhere', which does not exist",
                "broken.yaml:8: there is no skill group 'astrology'",
                "broken.yaml:10: there is no post 'desk-99'",
                "broken.yaml:12: prompt 'no-such-prompt' is not in prompts.yaml",
                "broken.yaml:11: node 'spin' is in a loop with no way out to a person or a goodbye",
                "broken.yaml:14: node 'forgotten' is never reached from 'main'",
                "quiet.yaml:6: menu 'main' must offer 0 for a person: a transfer, or a callback request",
                "unannounced.yaml:5: menu 'main' offers 0 for a person but none of its prompts says so (e.g. '人工服务请按0')",
                "shapes.yaml:7: node 'main' (menu): an action needs exactly one of goto, transfer or hangup",
                "shapes.yaml:9: node 'main' (menu): 'timeout' does not match the regex pattern ^[0-9]+(ms|s)$",
                "shapes.yaml:10: node 'weird' does not say what it does: it needs one of play, menu, collect, "
                        + "verify, query, say, branch, transfer, callback, set, hangup");
    }

    @Test
    void yamlThatDoesNotParseSaysWhere(@TempDir Path dir) throws IOException {
        copyShared(dir);
        Files.writeString(dir.resolve("typo.yaml"), "name: typo\nstart: main\nnodes:\n  main:\n    menu: [welcome\n");

        List<ScriptProblem> problems = ScriptCompiler.compile(dir, TWELVE_THREE_THREE).problems();

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).file()).isEqualTo("typo.yaml");
        assertThat(problems.get(0).line()).isGreaterThanOrEqualTo(5);
        assertThat(problems.get(0).message()).startsWith("not valid YAML");
    }

    @Test
    void aPromptListProblemIsReportedInPromptsYaml(@TempDir Path dir) throws IOException {
        copyShared(dir);
        Files.writeString(dir.resolve("prompts.yaml"), Files.readString(SCRIPTS.resolve("prompts.yaml"))
                + "  Bad_Name: 坏名字\n");

        List<ScriptProblem> problems = ScriptCompiler.compile(dir, TWELVE_THREE_THREE).sharedProblems();

        assertThat(problems).extracting(ScriptProblem::toString)
                .containsExactly("prompts.yaml:" + lines(dir.resolve("prompts.yaml")) + ": a prompt needs a lower-case name and a text");
    }

    static void copyShared(Path dir) throws IOException {
        for (String file : List.of("prompts.yaml", "calendar.yaml", "schema.json")) {
            Files.copy(SCRIPTS.resolve(file), dir.resolve(file));
        }
    }

    private static long lines(Path file) throws IOException {
        return Files.readAllLines(file).size();
    }
}
