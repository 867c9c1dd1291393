package org.hotline12333.testkit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL for tests, from the binaries Maven Central ships in {@code io.zonky.test.postgres} artifacts, run
 * by the test itself: no Docker, no system install. PostgreSQL refuses to run as root, and CI and this machine build
 * as root, so then initdb and the server run as the unprivileged user {@code nobody} (through {@code setpriv}, part
 * of util-linux), with their data in a directory that user owns. One server per test JVM, stopped at exit.
 */
public final class PostgresServer {

    private static final int NOBODY = 65534;
    private static PostgresServer shared;

    private final Path base;
    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean root;
    private final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();

    private PostgresServer() throws IOException, InterruptedException {
        base = Files.createTempDirectory("hotline-postgres-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        bin = binaries().resolve("bin");
        data = base.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        root = "0".equals(run(List.of("id", "-u"), false).trim());
        if (root) {
            Files.setAttribute(data, "unix:uid", NOBODY);
            Files.setAttribute(data, "unix:gid", NOBODY);
        }
        run(asServerUser(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                "--locale=C", "-D", data.toString())), true);
        port = freePort();
        run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                "-l", data.resolve("server.log").toString(), "-o",
                "-p " + port + " -h 127.0.0.1 -F -c unix_socket_directories= -c max_connections=200", "start")), true);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "postgres-stop"));
    }

    /** The server, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = new PostgresServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    /** A new, empty database; returns its JDBC URL (user {@code postgres}, no password). */
    public String createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "")) {
            connection.createStatement().execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs at exit before the server stops: the services using it close first. */
    void beforeStop(Runnable action) {
        beforeStop.add(0, action);
    }

    private void stop() {
        beforeStop.forEach(Runnable::run);
        try {
            run(asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                    "stop")), false);
            deleteTree(base);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the JVM is exiting; the temporary directory is all that may stay behind
        }
    }

    private List<String> asServerUser(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * The binaries, unpacked once per machine and archive into the temporary folder (unpacking the xz archive costs
     * some 5 s of CPU, in each test JVM): readable and runnable by the server's user, owned by ours and writable by
     * nobody else, or unpacked afresh.
     */
    private static Path binaries() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path cached = tmp.resolve("hotline-postgres-" + System.getProperty("user.name") + "-" + archiveDigest());
        if (ours(cached)) {
            return cached;
        }
        Path fresh = extractBinaries(Files.createTempDirectory(tmp, "hotline-postgres-unpacking-"));
        Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Files.move(fresh, cached, StandardCopyOption.ATOMIC_MOVE);
            return cached;
        } catch (IOException taken) { // another test JVM unpacked it first, or a stranger's is in the way
            if (!ours(cached)) {
                return fresh;
            }
            deleteTree(fresh);
            return cached;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static boolean ours(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                || !Files.isExecutable(directory.resolve("bin").resolve("postgres"))) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        return Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static InputStream archive() throws IOException {
        return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", System.getProperty("os.arch"));
    }

    private static String archiveDigest() throws IOException {
        try (InputStream txz = archive()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = txz.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path extractBinaries(Path target) throws IOException {
        Files.createDirectories(target);
        try (InputStream txz = archive();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(txz))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("bad entry in the PostgreSQL archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0100) != 0) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        try (Stream<Path> all = Files.walk(target)) {
            all.forEach(p -> p.toFile().setReadable(true, false));
        }
        try (Stream<Path> dirs = Files.walk(target)) {
            dirs.filter(Files::isDirectory).forEach(p -> p.toFile().setExecutable(true, false));
        }
        return target;
    }

    private static String run(List<String> command, boolean mustSucceed) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        if (mustSucceed && process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
