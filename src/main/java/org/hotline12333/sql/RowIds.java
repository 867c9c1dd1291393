package org.hotline12333.sql;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Identifiers of new rows (calls, recordings, scores): UUIDs of version 7, whose first bits are the time they were
 * made. A table's primary-key index then grows at its end, as a sequence's would: a random UUID put each new row in a
 * random page of the index, so every page the busy hour touched had to be written again.
 */
public final class RowIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RowIds() {
    }

    /** A new identifier: 36 characters, as {@link java.util.UUID#toString()} writes one. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
