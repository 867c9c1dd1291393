package org.hotline12333.fallback;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a node's {@code hotline-cdr.csv} from where the last read stopped: whole lines only (Asterisk may be writing
 * the next one), and only up to the first record whose call ended after {@code settledBefore}, so that a call's
 * records are all read in the same pass. A line that is not one of ours is logged and passed over.
 */
final class CdrFile {

    private static final Logger log = LoggerFactory.getLogger(CdrFile.class);
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** @param readTo where the next read starts (bytes from the file's start) */
    record Batch(List<CdrLine> lines, long readTo, int malformed) {
    }

    private CdrFile() {
    }

    /** The file's size now, or -1 when it is not there. */
    static long size(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    static Batch read(Path file, long from, Instant settledBefore) throws IOException {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long available = Math.min(channel.size() - from, MAX_BYTES);
            if (available <= 0) {
                return new Batch(List.of(), from, 0);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) available);
            channel.position(from);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read what is there
            }
            bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
        }
        List<CdrLine> lines = new ArrayList<>();
        int malformed = 0;
        long readTo = from;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String text = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                CdrLine line = parse(text, file, from + start);
                if (line == null) {
                    malformed++;
                } else if (line.end() != null && line.end().isAfter(settledBefore)) {
                    break; // this call may not be complete yet: the next run reads from here
                } else {
                    lines.add(line);
                }
            }
            start = i + 1;
            readTo = from + start;
        }
        return new Batch(lines, readTo, malformed);
    }

    private static CdrLine parse(String text, Path file, long at) {
        try (var parser = CSVFormat.DEFAULT.parse(new StringReader(text))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IllegalArgumentException(records.size() + " records on one line");
            }
            return CdrLine.of(records.get(0));
        } catch (IOException | RuntimeException e) {
            log.warn("{} at byte {}: not a hotline call record ({}), passed over", file, at, e.getMessage());
            return null;
        }
    }
}
