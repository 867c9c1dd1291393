package org.hotline12333.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hotline12333.telephony.AsteriskProperties;
import org.hotline12333.telephony.RecordingFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a recording's files go: {@code yyyy/MM/dd/<node>/<call id>.wav}, {@code ...-caller.wav},
 * {@code ...-other.wav} and the sidecar {@code <call id>.json}, relative to the recordings directory. Asterisk
 * writes them below the node's {@code recordings-path}; the service reads them below its own directory.
 *
 * <p>Every path the service opens goes through {@link #resolve}: nothing outside the recordings directory, no
 * {@code ..}, no symbolic link leading out.
 */
@Component
class RecordingLayout {

    private static final Logger log = LoggerFactory.getLogger(RecordingLayout.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final Pattern UNSAFE_IN_NAME = Pattern.compile("[^A-Za-z0-9._-]");
    /** MixMonitor's argument syntax gives these characters a meaning. */
    private static final Pattern UNSAFE_FOR_MIXMONITOR = Pattern.compile("[,()|\"'\\s]");
    static final String SIDECAR_SUFFIX = ".json";
    /** Asterisk's own fallback recordings live here (extensions.conf); the service does not index them. */
    static final String FALLBACK_FOLDER = "fallback";

    private final Path root;
    private final Map<String, String> asteriskRoots = new HashMap<>();
    private final ZoneId zone = ZoneId.systemDefault();

    RecordingLayout(RecordingsProperties properties, AsteriskProperties asterisk) {
        this.root = properties.directory().toAbsolutePath().normalize();
        for (AsteriskProperties.Node node : asterisk.nodes()) {
            String path = node.recordingsPath() == null || node.recordingsPath().isBlank()
                    ? root.toString() : node.recordingsPath();
            if (UNSAFE_FOR_MIXMONITOR.matcher(path).find()) {
                throw new IllegalStateException("hotline.asterisk.nodes[" + node.name() + "].recordings-path '" + path
                        + "' must not contain spaces, quotes, commas, parentheses or '|' (MixMonitor would misread it)");
            }
            asteriskRoots.put(node.name(), trimSlash(path));
        }
        if (UNSAFE_FOR_MIXMONITOR.matcher(root.toString()).find()) {
            throw new IllegalStateException("hotline.recordings.directory '" + root
                    + "' must not contain spaces, quotes, commas, parentheses or '|'");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            log.warn("Recordings directory {} does not exist and cannot be created: {}", root, e.toString());
        }
    }

    Path root() {
        return root;
    }

    /** The common start of a recording's file names, relative to the directory: {@code 2025/11/23/central/<call>}. */
    String base(Instant startedAt, String node, String callId) {
        return DAY.format(startedAt.atZone(zone)) + "/" + safeName(node) + "/" + safeName(callId);
    }

    Map<Leg, String> files(String base) {
        Map<Leg, String> files = new EnumMap<>(Leg.class);
        for (Leg leg : Leg.values()) {
            files.put(leg, leg.fileName(base));
        }
        return files;
    }

    /** The sidecar of the recording whose mixed file is at this relative path. */
    static String sidecarOf(String mixedPath) {
        return mixedPath.substring(0, mixedPath.length() - ".wav".length()) + SIDECAR_SUFFIX;
    }

    /** The same files as the node's Asterisk sees them, for MixMonitor. */
    RecordingFiles forAsterisk(String node, Map<Leg, String> files) {
        String prefix = asteriskRoots.getOrDefault(node, trimSlash(root.toString())) + "/";
        return new RecordingFiles(prefix + files.get(Leg.MIXED), prefix + files.get(Leg.CALLER),
                prefix + files.get(Leg.OTHER));
    }

    /**
     * A path as the node's Asterisk wrote it, relative to the recordings directory: empty when it is not below the
     * node's recordings-path.
     */
    Optional<String> fromAsterisk(String node, String asteriskPath) {
        String prefix = asteriskRoots.getOrDefault(node, trimSlash(root.toString())) + "/";
        if (asteriskPath == null || !asteriskPath.startsWith(prefix) || asteriskPath.length() == prefix.length()) {
            return Optional.empty();
        }
        return Optional.of(asteriskPath.substring(prefix.length()));
    }

    /**
     * A path relative to the recordings directory, as a file the service may open.
     *
     * @throws OutsideRecordingsException when it is absolute, climbs out with {@code ..}, or leads out by a link
     */
    Path resolve(String relative) {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0 || relative.contains("\\")) {
            throw new OutsideRecordingsException(relative);
        }
        Path path;
        try {
            Path given = Path.of(relative);
            if (given.isAbsolute()) {
                throw new OutsideRecordingsException(relative);
            }
            path = root.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new OutsideRecordingsException(relative);
        }
        if (!path.startsWith(root) || path.equals(root)) {
            throw new OutsideRecordingsException(relative);
        }
        if (Files.exists(path)) {
            try {
                if (!path.toRealPath().startsWith(root.toRealPath())) {
                    throw new OutsideRecordingsException(relative);
                }
            } catch (IOException e) {
                throw new OutsideRecordingsException(relative);
            }
        }
        return path;
    }

    /** The relative path of a file below the directory, with '/' whatever the platform. */
    String relative(Path file) {
        return String.join("/", root.relativize(file.toAbsolutePath().normalize()).toString().split("[/\\\\]"));
    }

    /** Whether a relative path is one the service's own layout can produce (not Asterisk's fallback folder). */
    static boolean indexed(String relative) {
        return !relative.startsWith(FALLBACK_FOLDER + "/");
    }

    private static String safeName(String name) {
        String safe = name == null || name.isBlank() ? "unknown" : UNSAFE_IN_NAME.matcher(name).replaceAll("_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    /** A path that would reach outside the recordings directory. */
    static class OutsideRecordingsException extends IllegalArgumentException {
        OutsideRecordingsException(String path) {
            super("path is not inside the recordings directory: '" + path + "'");
        }
    }
}
