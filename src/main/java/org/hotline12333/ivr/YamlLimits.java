package org.hotline12333.ivr;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;

/**
 * How much a YAML file in ivr-scripts may ask of the service. A script is a few kilobytes; these bounds are far above
 * any real one and far below what would hurt: a billion-laughs file (aliases of aliases), a self-referencing anchor
 * ({@code nodes: &a [*a]}), deep nesting, a huge file.
 */
final class YamlLimits {

    /** Aliases of lists and maps per file (SnakeYAML's own count). */
    static final int MAX_ALIASES = 50;
    /** Nesting as written. */
    static final int MAX_NESTING = 50;
    /** Nesting once aliases are expanded. */
    static final int MAX_EXPANDED_NESTING = 100;
    static final int MAX_CODE_POINTS = 1_000_000;
    /** Values (scalars, lists, maps) once aliases are expanded. */
    static final int MAX_VALUES = 100_000;

    /** A limit exceeded at a known line. */
    static final class Exceeded extends RuntimeException {
        private final int line;

        Exceeded(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /**
     * Checks one value as it is expanded: {@code line} is its own, {@code entryLine} that of the top-level entry it
     * belongs to, {@code enclosing} are the lists and maps it is inside.
     */
    void check(Node node, int line, int entryLine, int depth, int values, Set<Node> enclosing) {
        if (enclosing.contains(node)) {
            String anchor = node.getAnchor() == null ? "" : " &" + node.getAnchor();
            throw new Exceeded(line, "the anchor" + anchor + " is used inside itself (a value that would contain "
                    + "itself without end)");
        }
        if (depth > MAX_EXPANDED_NESTING) {
            throw new Exceeded(entryLine, "nested more than " + MAX_EXPANDED_NESTING + " levels deep once aliases are "
                    + "expanded");
        }
        if (values > MAX_VALUES) {
            throw new Exceeded(entryLine, "more than " + MAX_VALUES + " values once aliases are expanded");
        }
    }

    /**
     * Where a limit SnakeYAML reports without a line was exceeded: the alias that went over {@link #MAX_ALIASES}, the
     * list or map nested too deep, or the line the size limit was reached on.
     */
    int lineOf(Path path, YAMLException e) {
        String message = String.valueOf(e.getMessage());
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            if (message.contains("alias") || message.contains("Nesting")) {
                return lineOfEvent(reader, message.contains("alias"));
            }
            int line = 1;
            for (int read = 0, c; read < MAX_CODE_POINTS && (c = reader.read()) >= 0; read++) {
                line += c == '\n' ? 1 : 0;
            }
            return line;
        } catch (IOException | YAMLException again) {
            return 1;
        }
    }

    private int lineOfEvent(Reader reader, boolean aliases) {
        Set<String> collections = new HashSet<>();
        int count = 0;
        int depth = 0;
        for (Event event : new Yaml(options()).parse(reader)) {
            if (event instanceof CollectionStartEvent start) {
                if (start.getAnchor() != null) {
                    collections.add(start.getAnchor());
                }
                if (!aliases && ++depth > MAX_NESTING) {
                    return event.getStartMark().getLine() + 1;
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            } else if (aliases && event instanceof AliasEvent alias && collections.contains(alias.getAnchor())
                    && ++count > MAX_ALIASES) {
                return alias.getStartMark().getLine() + 1;
            }
        }
        return 1;
    }
}
