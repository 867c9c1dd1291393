package org.hotline12333.ivr;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders every prompt of prompts.yaml to 8 kHz mono 16-bit WAV with espeak-ng (voice cmn) and sox, for
 * development and tests: {@code ivr-scripts/render-prompts.sh [--only a,b] [scripts-dir] [output-dir]}. A centre
 * replaces them with recordings of real voices under the same names.
 */
public final class PromptRenderer {

    private PromptRenderer() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        List<String> paths = new ArrayList<>();
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only")) {
                only = Arrays.asList(args[++i].split(","));
            } else {
                paths.add(args[i]);
            }
        }
        Path scripts = Path.of(paths.size() > 0 ? paths.get(0) : "ivr-scripts");
        Path output = paths.size() > 1 ? Path.of(paths.get(1)) : scripts.resolve("prompts-rendered");
        List<ScriptProblem> problems = new ArrayList<>();
        PromptCatalog catalog = PromptCatalog.read(scripts, problems);
        problems.forEach(problem -> out.println(problem));
        try {
            Files.createDirectories(output);
            int rendered = 0;
            for (String name : catalog.names()) {
                if (only == null || only.contains(name)) {
                    render(catalog.text(name), output.resolve(name + ".wav"));
                    rendered++;
                }
            }
            out.println("rendered " + rendered + " prompt(s) into " + output);
            return problems.isEmpty() ? 0 : 1;
        } catch (IOException e) {
            out.println("could not render prompts: " + e.getMessage()
                    + " (needs espeak-ng and sox: apt-get install espeak-ng sox)");
            return 2;
        }
    }

    static void render(String text, Path wav) throws IOException {
        Path raw = Files.createTempFile("prompt", ".wav");
        try {
            run(List.of("espeak-ng", "-v", "cmn", "-s", "150", "-w", raw.toString(), text));
            run(List.of("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer",
                    wav.toString()));
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
