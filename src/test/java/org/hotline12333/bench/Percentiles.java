package org.hotline12333.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles of a list of durations in nanoseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(List<Long> nanos) {
        sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
    }

    double millis(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    int count() {
        return sorted.length;
    }
}
