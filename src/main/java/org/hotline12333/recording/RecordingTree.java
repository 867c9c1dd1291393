package org.hotline12333.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Visits the recordings directory one folder at a time, with the regular files in it. Symbolic links are not
 * followed, and Asterisk's own fallback recordings ({@code fallback/}) are left out: the service does not index
 * them.
 */
final class RecordingTree {

    private RecordingTree() {
    }

    static void forEachFolder(Path root, BiConsumer<Path, List<Path>> visitor) {
        if (!Files.isDirectory(root)) {
            throw new UncheckedIOException(new IOException("recordings directory " + root + " is not there"));
        }
        Path fallback = root.resolve(RecordingLayout.FALLBACK_FOLDER);
        Deque<List<Path>> folders = new ArrayDeque<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (dir.equals(fallback)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    folders.push(new ArrayList<>());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !folders.isEmpty()) {
                        folders.peek().add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    List<Path> files = folders.pop();
                    if (!files.isEmpty()) {
                        visitor.accept(dir, files);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The call id a recording's files start with, or null when the name does not look like one of ours. */
    static String callIdOf(String fileName) {
        if (fileName.length() < 37 || !Character.isLetterOrDigit(fileName.charAt(0))) {
            return null;
        }
        char after = fileName.charAt(36);
        return after == '.' || after == '-' ? fileName.substring(0, 36) : null;
    }
}
