package org.hotline12333.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of the project's ivr-scripts/ in a new temporary directory, for a service whose scripts a test changes. */
public final class IvrScriptsCopy {

    private IvrScriptsCopy() {
    }

    public static Path make() {
        try {
            Path copy = Files.createTempDirectory("ivr-scripts");
            try (var files = Files.list(Path.of("ivr-scripts"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy with every {@link HostileYaml} file written into it. */
    public static Path withHostileFiles() {
        Path copy = make();
        try {
            for (HostileYaml hostile : HostileYaml.values()) {
                hostile.writeTo(copy);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
