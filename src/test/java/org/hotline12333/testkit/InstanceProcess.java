package org.hotline12333.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.hotline12333.HotlineApplication;

/**
 * A whole service instance in a process of its own, on a real PostgreSQL ({@link PostgresServer}) or an H2 file,
 * connected to the shared AMI stand-in and writing its recordings where the stand-in's MixMonitor does: what
 * {@code kill -9} and SIGTERM really stop. It runs the production main class with profile {@code test} (and
 * {@code postgres} on PostgreSQL): no test kit inside, the real clock, the real IVR menu. Its output goes to
 * {@code target/instances/<name>.log}.
 */
public final class InstanceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int httpPort;
    private final int agiPort;
    private final Path log;

    private InstanceProcess(String name, Process process, int httpPort, int agiPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.agiPort = agiPort;
        this.log = log;
    }

    /**
     * Starts the instance named {@code name} on the database at {@code url} and returns once it answers HTTP and
     * FastAGI; {@code more} are further {@code --key=value} arguments.
     */
    public static InstanceProcess start(String name, String url, String... more) {
        return start(name, "test,postgres", url, "postgres", more);
    }

    /**
     * Starts the instance named {@code name} on the H2 file database at {@code url} (user hotline, as application.yml
     * has it), with profile {@code test} only; {@code more} as for {@link #start(String, String, String...)}.
     */
    public static InstanceProcess startOnH2(String name, String url, String... more) {
        return start(name, "test", url, "hotline", more);
    }

    private static InstanceProcess start(String name, String profiles, String url, String user, String... more) {
        int httpPort = freePort();
        int agiPort = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), HotlineApplication.class.getName(),
                "--spring.profiles.active=" + profiles,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=",
                "--server.port=" + httpPort,
                "--hotline.agi.port=" + agiPort,
                "--hotline.calls.instance-name=" + name,
                "--hotline.asterisk.nodes[0].name=" + StandInAsterisk.NODE,
                "--hotline.asterisk.nodes[0].host=127.0.0.1",
                "--hotline.asterisk.nodes[0].port=" + StandInAsterisk.ami().port(),
                "--hotline.asterisk.nodes[0].username=" + StandInAsterisk.USERNAME,
                "--hotline.asterisk.nodes[0].secret=" + StandInAsterisk.SECRET,
                "--hotline.asterisk.nodes[0].recordings-path=" + StandInAsterisk.RECORDINGS_PATH,
                "--hotline.recordings.directory=" + StandInAsterisk.recordingsRoot()));
        command.addAll(List.of(more));
        try {
            Path log = Files.createDirectories(Path.of("target", "instances")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            InstanceProcess instance = new InstanceProcess(name, process, httpPort, agiPort, log);
            // never outlive the tests, whatever ends them
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-" + name));
            instance.awaitUp();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of the shipped menus whose calendar is open around the clock, for a process that runs on the real clock
     * (a test cannot set it): its callers reach the menu and agents at any hour. Pass it as
     * {@code --hotline.ivr.scripts-directory=}.
     */
    public static Path scriptsOpenAllDay() {
        try {
            Path copy = Files.createDirectories(Path.of("target", "instances", "ivr-scripts-open-all-day"));
            try (var files = Files.list(Path.of("ivr-scripts"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            StringBuilder calendar = new StringBuilder("timezone: Asia/Shanghai\nopening-hours:\n");
            for (DayOfWeek day : DayOfWeek.values()) {
                calendar.append("  ").append(day.name().toLowerCase(Locale.ROOT))
                        .append(": [\"00:00-23:59:59.999999999\"]\n");
            }
            Files.writeString(copy.resolve("calendar.yaml"), calendar);
            return copy.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public int agiPort() {
        return agiPort;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: the process ends at once, closing nothing. */
    public void kill() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("instance " + name + " survived kill -9");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clean stop (SIGTERM), if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void awaitUp() {
        Awaitility.await("instance " + name + " up (log: " + log + ")").atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("instance " + name + " exited with " + process.exitValue()
                                + "; see " + log.toAbsolutePath());
                    }
                    return accepts(agiPort) && healthy();
                });
    }

    private boolean healthy() {
        try {
            return Http.on(httpPort).get("/actuator/health").status() == 200;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
