package org.hotline12333.quality;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.springframework.stereotype.Component;

/**
 * Calls agents answered in a time range, read from the Call records a few hours and a page at a time, oldest answer
 * first, so that a month of a busy hotline is neither held in memory nor read with ever longer page offsets.
 */
@Component
class AnsweredCalls {

    static final int PAGE = 1000;
    private static final long WINDOW_SECONDS = 6 * 3600;

    private final CallRecords calls;

    AnsweredCalls(CallRecords calls) {
        this.calls = calls;
    }

    /** Every call answered from {@code from} (inclusive) to {@code to} (exclusive), in the order answered. */
    void each(Instant from, Instant to, Consumer<CallSummary> action) {
        for (Instant start = from; start.isBefore(to); start = start.plusSeconds(WINDOW_SECONDS)) {
            Instant end = start.plusSeconds(WINDOW_SECONDS).isBefore(to) ? start.plusSeconds(WINDOW_SECONDS) : to;
            for (int page = 0; ; page++) {
                List<CallSummary> answered = calls.answeredBetween(start, end, page, PAGE);
                answered.forEach(action);
                if (answered.size() < PAGE) {
                    break;
                }
            }
        }
    }
}
