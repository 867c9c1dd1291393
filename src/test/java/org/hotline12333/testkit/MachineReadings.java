package org.hotline12333.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the benchmarks read from Linux about this process and the machine: the process's resident memory (its own
 * anonymous pages, i.e. Java heap and native allocations, not mapped files) and the load average, which says how far
 * other work on a shared machine may have distorted a timing.
 */
public final class MachineReadings {

    private MachineReadings() {
    }

    /** RssAnon of this process, in MB (anonymous resident memory: heap, native allocations). */
    public static double anonymousMb() {
        return statusKb("RssAnon:") / 1024.0;
    }

    /** VmRSS of this process, in MB (all resident memory, mapped files included). */
    public static double residentMb() {
        return statusKb("VmRSS:") / 1024.0;
    }

    /** The 1-minute load average. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            throw new IllegalStateException("no " + field + " in /proc/self/status");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status (Linux only): " + e.getMessage(), e);
        }
    }
}
