package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command script authors run: the same checks as the service, printed as file:line: message. */
class IvrScriptCheckTest {

    @Test
    void theRealScriptsPass() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = IvrScriptCheck.run(new String[] {"--skill-groups",
                "general,pension,medical,unemployment,work-injury,maternity,employment,labour-relations,personnel",
                "--posts", "pension-desk-1,medical-desk-1,employment-desk-1,arbitration-desk", "ivr-scripts"}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: [12333, return-visit]");
    }

    @Test
    void aBrokenScriptFailsWithFileAndLine(@TempDir Path dir) throws IOException {
        ScriptCompilerTest.copyShared(dir);
        Files.writeString(dir.resolve("x.yaml"), "name: x\nstart: main\nnodes:\n  main:\n    play: [welcome]\n    next: gone\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = IvrScriptCheck.run(new String[] {dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(dir.resolve("x.yaml") + ":6: goes to node 'gone', which does not exist");
    }
}
