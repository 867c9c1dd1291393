package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotline12333.testkit.HostileYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile YAML beside the real menu: each file is refused with its own problem at its line, and the real 12333 menu
 * is still compiled. Reading never overflows the stack nor expands aliases without end.
 */
class HostileYamlTest {

    @Test
    void eachHostileFileIsAProblemAtItsLineAndTheRealMenuStillCompiles(@TempDir Path dir) throws IOException {
        ScriptCompilerTest.copyShared(dir);
        Files.copy(ScriptCompilerTest.SCRIPTS.resolve("12333.yaml"), dir.resolve("12333.yaml"));
        for (HostileYaml hostile : HostileYaml.values()) {
            hostile.writeTo(dir);
        }

        ScriptCompiler.Compiled compiled = ScriptCompiler.compile(dir, ScriptCompilerTest.TWELVE_THREE_THREE);

        assertThat(compiled.scripts()).containsOnlyKeys("12333");
        for (HostileYaml hostile : HostileYaml.values()) {
            assertThat(compiled.problems()).as(hostile.name()).filteredOn(p -> p.file().equals(hostile.file))
                    .singleElement().satisfies(p -> {
                        assertThat(p.line()).isEqualTo(hostile.line);
                        assertThat(p.message()).contains(hostile.problem);
                    });
        }
    }

    @Test
    void aFileBeyondTheSizeLimitIsRefusedNearWhereTheLimitIsReached(@TempDir Path dir) throws IOException {
        ScriptCompilerTest.copyShared(dir);
        String line = "  - " + "x".repeat(95) + "\n";
        Files.writeString(dir.resolve("huge.yaml"), "items:\n" + line.repeat(12_000));

        List<ScriptProblem> problems = ScriptCompiler.compile(dir, ScriptCompilerTest.TWELVE_THREE_THREE).problems();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("huge.yaml");
            assertThat(p.message()).contains("not accepted").contains("1000000 code points");
            assertThat(p.line()).isBetween(9_990, 10_010);
        });
    }
}
