package org.hotline12333.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link CallersMain} in a JVM process of its own (the same java, the test classpath, its default heap, nothing
 * pinned): Asterisk and its callers apart from the service, reached over TCP only. One run at a time.
 */
final class CallersProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final PrintWriter commands;
    private final BufferedReader results;

    CallersProcess(Path recordingsRoot, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CallersMain.class.getName(),
                recordingsRoot.toString()));
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-callers"));
        commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** @param arrivalsPerSecond how fast callers come, 0 for all at once */
    Run run(int port, int callers, int arrivalsPerSecond, Duration talk, int firstNumber) {
        long serviceCpu = CallersMain.cpuNanos();
        commands.println("run " + port + " " + callers + " " + arrivalsPerSecond + " " + talk.toMillis() + " "
                + firstNumber);
        try {
            for (String line = results.readLine(); line != null; line = results.readLine()) {
                if (line.startsWith("RESULT ")) {
                    return new Run(JSON.readTree(line.substring(7)), CallersMain.cpuNanos() - serviceCpu);
                }
                System.out.println("callers: " + line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the callers' process ended with " + process.exitValue());
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** One run as the callers' process saw it, and this process's CPU time over it. */
    record Run(JsonNode result, long serverCpuNanos) {

        double seconds() {
            return result.path("nanos").asLong() / 1e9;
        }

        double commandsPerSecond() {
            return result.path("commands").asLong() / seconds();
        }

        double callsPerSecond() {
            return result.path("calls").asLong() / seconds();
        }

        double p50() {
            return result.path("p50ms").asDouble();
        }

        double p99() {
            return result.path("p99ms").asDouble();
        }

        /** CPU used by the server's JVM (the service, or the bare server) in cores (CPU seconds per second). */
        double serverCores() {
            return serverCpuNanos / 1e9 / seconds();
        }

        /** CPU used by the callers' JVM, in cores. */
        double callerCores() {
            return result.path("cpuNanos").asLong() / 1e9 / seconds();
        }

        List<String> script() {
            List<String> script = new ArrayList<>();
            result.path("script").forEach(command -> script.add(command.asString()));
            return script;
        }

        /** Every caller heard the same menu up to being put through (the wait for an agent may differ). */
        boolean sameMenu() {
            return result.path("sameMenu").asBoolean();
        }

        /** Callers who waited on hold music for an agent. */
        int keptWaiting() {
            return result.path("keptWaiting").asInt();
        }

        boolean allServed() {
            return result.path("allServed").asBoolean();
        }

        /** The commands the first caller whose call went otherwise was sent, against the first caller's. */
        String whatWentOtherwise() {
            return "the commands of a caller put through at once: " + result.path("script") + "; first caller who"
                    + " heard another menu: " + result.path("firstDifferent") + "; first caller not served: "
                    + result.path("firstNotServed");
        }

        void printSlowestSteps(String load) {
            System.out.println("Slowest steps, " + load + " (command answered -> next command), p50 / p99 ms:");
            for (Map.Entry<String, JsonNode> step : result.path("steps").properties()) {
                System.out.printf("  %8.3f %9.3f  after %s%n", step.getValue().get(0).asDouble(),
                        step.getValue().get(1).asDouble(), step.getKey());
            }
        }
    }
}
