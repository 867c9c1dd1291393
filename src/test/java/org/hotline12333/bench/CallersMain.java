package org.hotline12333.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Asterisk stand-in and its simulated callers in a JVM of their own, started by {@link CallersProcess}: it talks
 * to the FastAGI server under test over TCP only, as Asterisk would, so the server's process has its cores to
 * itself as far as the machine allows. Reads one run per line on stdin ({@code run <port> <callers>
 * <arrivals per second, 0: all at once> <talk ms> <first caller number>}) and answers each with one line
 * {@code RESULT <json>} on stdout, this process's CPU time for the run included.
 */
public final class CallersMain {

    static final String ID = "110101199003074258";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CallersMain() {
    }

    public static void main(String[] args) throws Exception {
        Path recordings = Path.of(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            if (!words[0].equals("run")) {
                continue;
            }
            int port = Integer.parseInt(words[1]);
            int callers = Integer.parseInt(words[2]);
            int perSecond = Integer.parseInt(words[3]);
            Duration talk = Duration.ofMillis(Long.parseLong(words[4]));
            int first = Integer.parseInt(words[5]);
            long cpuBefore = cpuNanos();
            List<SimulatedCall> calls = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < callers; i++) {
                long wait = perSecond == 0 ? 0 : start + i * 1_000_000_000L / perSecond - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                calls.add(caller(port, first + i, talk, recordings).start());
            }
            calls.forEach(call -> call.awaitEnd(Duration.ofMinutes(5)));
            long nanos = System.nanoTime() - start;
            System.out.println("RESULT " + JSON.writeValueAsString(result(calls, nanos, cpuNanos() - cpuBefore)));
            System.out.flush();
        }
    }

    /** Every caller a number of their own, so first-asker routing does not hold them for one agent. */
    private static AgiStandIn caller(int port, int n, Duration talk, Path recordings) {
        return AgiStandIn.call(port).script("ivr?menu=12333").from(String.format("137%08d", n)).keys("5").keys("1")
                .keys(ID).keys("123456").listensTo("after-query").keys("0")
                // the survey's key only: a caller kept waiting for an agent does not take the callback offered
                .keyOn('1', "survey").talksFor(talk)
                .recordingsRoot(recordings);
    }

    private static Map<String, Object> result(List<SimulatedCall> calls, long nanos, long cpuNanos) {
        // the script the bare server replays: a caller put through at once (one who waited heard the hold music too)
        List<String> script = calls.stream().map(SimulatedCall::commands)
                .filter(sent -> sent.stream().noneMatch(command -> command.startsWith("SET MUSIC ON"))).findFirst()
                .orElse(calls.get(0).commands());
        int menu = menuLength(script);
        List<Long> turnarounds = new ArrayList<>();
        Map<String, List<Long>> bySteps = new HashMap<>();
        long commands = 0;
        int keptWaiting = 0;
        List<String> firstDifferent = null;
        List<String> firstNotServed = null;
        for (SimulatedCall call : calls) {
            List<String> sent = call.commands();
            commands += sent.size();
            if (firstDifferent == null && (menu < 0 || menuLength(sent) != menu)) {
                firstDifferent = sent;
            }
            if (sent.stream().anyMatch(command -> command.startsWith("SET MUSIC ON"))) {
                keptWaiting++;
            }
            boolean served = sent.stream().anyMatch(command -> command.startsWith("EXEC \"Dial\""))
                    && !sent.isEmpty() && sent.get(sent.size() - 1).equals("HANGUP");
            if (firstNotServed == null && !served) {
                firstNotServed = sent;
            }
            for (AgiStandIn.Turnaround turnaround : call.turnarounds()) {
                String after = turnaround.after();
                if (after == null || !after.startsWith("SET MUSIC ON")) {
                    turnarounds.add(turnaround.nanos());
                }
                bySteps.computeIfAbsent(step(after), k -> new ArrayList<>()).add(turnaround.nanos());
            }
        }
        Percentiles all = new Percentiles(turnarounds);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("calls", calls.size());
        result.put("commands", commands);
        result.put("nanos", nanos);
        result.put("cpuNanos", cpuNanos);
        result.put("p50ms", all.millis(50));
        result.put("p99ms", all.millis(99));
        result.put("sameMenu", firstDifferent == null);
        result.put("keptWaiting", keptWaiting);
        result.put("allServed", firstNotServed == null);
        // what went otherwise, for the benchmark's failure message
        result.put("firstDifferent", firstDifferent);
        result.put("firstNotServed", firstNotServed);
        result.put("script", script);
        Map<String, double[]> steps = new LinkedHashMap<>();
        bySteps.entrySet().stream().map(e -> Map.entry(e.getKey(), new Percentiles(e.getValue())))
                .sorted((a, b) -> Double.compare(b.getValue().millis(99), a.getValue().millis(99))).limit(12)
                .forEach(e -> steps.put(e.getKey(), new double[] {e.getValue().millis(50), e.getValue().millis(99)}));
        result.put("steps", steps);
        return result;
    }

    /**
     * Commands up to the one putting the caller through to an agent ("transferring"): the menu's part of a call; -1
     * when the caller never got there.
     */
    private static int menuLength(List<String> sent) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).contains("hotline/transferring")) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The command answered before a turnaround: EXEC by application, other commands with their first argument. */
    private static String step(String after) {
        if (after == null) {
            return "(headers)";
        }
        String[] words = after.split(" ");
        return words.length > 2 ? String.join(" ", words[0], words[1], words[0].equals("EXEC") ? "" : words[2]).strip()
                : after;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
