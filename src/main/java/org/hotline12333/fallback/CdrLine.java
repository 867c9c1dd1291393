package org.hotline12333.fallback;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * One line of {@code hotline-cdr.csv}, in the columns of {@code docker/asterisk/cdr_custom.conf}. A call can have
 * several (Asterisk starts a new record after a bridge ends, for the {@code h} extension); they share the linkedid.
 */
record CdrLine(String linkedId, String uniqueId, String callerNumber, String channel, String answeredChannel,
               Instant start, Instant answer, Instant end, String disposition, String dialled, String fallback,
               String recording, Instant queued, String queueStatus, String member, Integer waitedSeconds) {

    static final int COLUMNS = 16;

    /** @throws IllegalArgumentException when the line is not one of ours */
    static CdrLine of(CSVRecord record) {
        if (record.size() != COLUMNS) {
            throw new IllegalArgumentException(record.size() + " columns instead of " + COLUMNS);
        }
        List<String> v = record.toList();
        if (v.get(0).isBlank()) {
            throw new IllegalArgumentException("no linkedid");
        }
        return new CdrLine(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), epoch(v.get(5)), epoch(v.get(6)),
                epoch(v.get(7)), v.get(8), v.get(9), v.get(10), v.get(11), epoch(v.get(12)), v.get(13), v.get(14),
                v.get(15).isBlank() ? null : Integer.valueOf(v.get(15).strip()));
    }

    /** Epoch seconds, with or without a fraction ({@code CDR(start,u)}: 1796068434.086331); empty or 0: none. */
    private static Instant epoch(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        BigDecimal seconds = new BigDecimal(value.strip());
        if (seconds.signum() == 0) {
            return null;
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** The endpoint (PJSIP/1001) of the agent whose phone answered, or null. */
    String answeredBy() {
        if (!member.isBlank()) {
            return member;
        }
        if ("ANSWERED".equals(disposition) && !answeredChannel.isBlank()) {
            int dash = answeredChannel.lastIndexOf('-');
            return dash > 0 ? answeredChannel.substring(0, dash) : answeredChannel;
        }
        return null;
    }
}
