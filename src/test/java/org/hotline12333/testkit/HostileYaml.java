package org.hotline12333.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** YAML files written to hurt whoever reads them, each with the line its problem is reported at. */
public enum HostileYaml {
    /** The example: a list that contains itself. */
    RECURSIVE_ANCHOR("recursive.yaml", "name: recursive\nstart: main\nnodes: &a [*a]\n", 3,
            "the anchor &a is used inside itself"),
    /** 60 aliases of a map: more than SnakeYAML's 50, reported at the 51st. */
    TOO_MANY_ALIASES("aliases.yaml", aliases(), 55, "not accepted: Number of aliases for non-scalar nodes exceeds"),
    /**
     * Billion laughs within the alias limit (48 aliases): 2^26 values once expanded. The budget runs out in entry l14 (line 16):
     * l0..l13 hold 2^17 - 2^2 - 14 values together, l14 alone 2^16 - 1.
     */
    LAUGHS("laughs.yaml", laughs(), 16, "more than 100000 values once aliases are expanded"),
    /** 60 levels of nesting as written. */
    DEEP("deep.yaml", "name: deep\nnodes: " + "[".repeat(60) + "]".repeat(60) + "\n", 2,
            "not accepted: Nesting Depth exceeded max 50");

    public final String file;
    public final String text;
    public final int line;
    public final String problem;

    HostileYaml(String file, String text, int line, String problem) {
        this.file = file;
        this.text = text;
        this.line = line;
        this.problem = problem;
    }

    public void writeTo(Path directory) throws IOException {
        Files.writeString(directory.resolve(file), text);
    }

    private static String aliases() {
        StringBuilder yaml = new StringBuilder("name: aliases\nstart: main\nmap: &m {a: 1}\nuses:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  - *m\n");
        }
        return yaml.toString();
    }

    private static String laughs() {
        StringBuilder yaml = new StringBuilder("name: laughs\nl0: &l0 [x, x]\n");
        for (int i = 1; i <= 24; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        return yaml.toString();
    }
}
