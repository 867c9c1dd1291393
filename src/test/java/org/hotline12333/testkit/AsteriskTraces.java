package org.hotline12333.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls recorded between a real Asterisk 22.10.1 and the service, in {@code ../shared/asterisk-traces}
 * relative to the project directory (see its README): FastAGI sessions line by line, and the AMI events of a second
 * manager session.
 */
public final class AsteriskTraces {

    /** Where the traces are, relative to the project directory (where Maven runs the tests). */
    public static final Path DIRECTORY = Path.of("..", "shared", "asterisk-traces");
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?) (A>|S>) ?(.*)$");
    private static final Pattern AMI_LINE = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?) ?(.*)$");

    private AsteriskTraces() {
    }

    /** One line of an AGI trace: milliseconds since Asterisk connected, who sent it, the line. */
    public record AgiLine(double ms, boolean fromAsterisk, String text) {

        @Override
        public String toString() {
            return (fromAsterisk ? "A> " : "S> ") + text;
        }
    }

    /** An AMI event: milliseconds since the manager session began, its fields in order (Event first). */
    public record AmiEvent(double ms, Map<String, String> fields) {

        public String name() {
            return fields.get("Event");
        }

        public String get(String field) {
            return fields.get(field);
        }
    }

    /** The lines of {@code T1-agi.log} and the like. */
    public static List<AgiLine> agi(String file) {
        List<AgiLine> lines = new ArrayList<>();
        for (String raw : read(file)) {
            Matcher matcher = LINE.matcher(raw);
            if (matcher.matches()) {
                lines.add(new AgiLine(Double.parseDouble(matcher.group(1)), matcher.group(2).equals("A>"),
                        matcher.group(3)));
            }
        }
        return lines;
    }

    /** The events of {@code T1-T6-ami.log} and the like, the banner and login response left out. */
    public static List<AmiEvent> ami(String file) {
        List<AmiEvent> events = new ArrayList<>();
        Map<String, String> current = null;
        double at = 0;
        for (String raw : read(file)) {
            Matcher matcher = AMI_LINE.matcher(raw);
            String text = matcher.matches() ? matcher.group(2) : "";
            if (text.isBlank()) {
                if (current != null) {
                    events.add(new AmiEvent(at, current));
                }
                current = null;
                continue;
            }
            int colon = text.indexOf(": ");
            String key = colon < 0 ? text.replace(":", "") : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 2);
            if (key.equals("Event")) {
                current = new LinkedHashMap<>();
                at = Double.parseDouble(matcher.group(1));
            }
            if (current != null) {
                current.put(key, value);
            }
        }
        if (current != null) {
            events.add(new AmiEvent(at, current));
        }
        return events;
    }

    private static List<String> read(String file) {
        Path path = DIRECTORY.resolve(file);
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("the recorded Asterisk traces are expected in " + path.toAbsolutePath()
                    + " (../shared/asterisk-traces next to the project)", e);
        }
    }
}
