package org.hotline12333.telephony.ami;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline12333.telephony.socket.AsteriskSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI connection's socket as asterisk-java reads it: lines end at CRLF, as Asterisk ends them, and are UTF-8.
 * Unlike asterisk-java's own reader, a line is at most {@link #MAX_LINE_BYTES} long and a message (the lines up to the
 * blank one) at most {@link #MAX_MESSAGE_BYTES}: a peer that never ends a line, or a message, would otherwise grow
 * asterisk-java's string or its map of the message's fields until the heap is full, and take every call in progress
 * down with it. Either closes the connection with {@link TooLong} (asterisk-java then reports the connection lost,
 * and the node connects again). Lines are cut from the bytes and decoded whole, so a character split between two
 * reads is kept.
 *
 * <p>A line that is not {@code Key: value} (nor the banner or a command's output) is reported: asterisk-java drops
 * such lines silently, and a device or proxy that garbles the stream should be visible. The first per connection is
 * logged as a warning, the rest only counted.
 */
final class AmiSocket extends AsteriskSocket {

    /** Far above any line Asterisk sends: an event's header is a few hundred bytes, a CLI command's output a few kB. */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * Far above any message Asterisk sends: a CLI command's output is one message, one {@code Output:} line per line of
     * output, a few hundred kB for the longest listings. Counted in bytes on the wire; asterisk-java's map of a
     * message's fields takes several times that in the heap, still bounded.
     */
    static final int MAX_MESSAGE_BYTES = 16 << 20;

    /** A line or a message longer than its limit without its end: the connection is closed. */
    static final class TooLong extends IOException {
        TooLong(String what) {
            super("Asterisk sent " + what + " without ending it");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(AmiSocket.class);
    private static final int SHOWN_CHARACTERS = 80;

    private final String node;
    private final AtomicLong malformedLines;
    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    /** The beginning of a line that did not end within {@link #buffer}. */
    private byte[] partial = new byte[1024];
    private int partialLength;
    /** Bytes of the lines read since the last blank line. */
    private long messageBytes;
    private volatile String closedBecause;
    private boolean inCommandOutput;
    private boolean reported;

    /** Reads from {@code in} (the socket's own stream, or one a test cuts where it chooses). */
    AmiSocket(Socket socket, InputStream in, String node, AtomicLong malformedLines) throws IOException {
        super(socket);
        this.node = node;
        this.malformedLines = malformedLines;
        this.in = in;
    }

    /** Connects as asterisk-java would: plain TCP, within {@code connectTimeoutMillis} (0: the system's). */
    static AmiSocket connect(String host, int port, int connectTimeoutMillis, String node, AtomicLong malformedLines)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new AmiSocket(socket, socket.getInputStream(), node, malformedLines);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String readLine() throws IOException {
        String line = nextLine();
        if (messageBytes > MAX_MESSAGE_BYTES) {
            throw tooLong("a message longer than " + MAX_MESSAGE_BYTES / (1024 * 1024) + " MiB");
        }
        check(line);
        return line;
    }

    private String nextLine() throws IOException {
        while (true) {
            int newline = indexOfNewline();
            if (newline < 0) {
                keep(start, end - start);
                fill();
                continue;
            }
            int from = start;
            start = newline + 1;
            if (partialLength == 0 && newline > from && buffer[newline - 1] == '\r') {
                counted(newline - 1 - from);
                return new String(buffer, from, newline - 1 - from, StandardCharsets.UTF_8);
            }
            keep(from, newline + 1 - from);
            if (partialLength >= 2 && partial[partialLength - 2] == '\r') {
                counted(partialLength - 2);
                String line = new String(partial, 0, partialLength - 2, StandardCharsets.UTF_8);
                partialLength = 0;
                return line;
            }
            // a bare LF belongs to the line (a CLI command's output is one line of LF-separated text)
        }
    }

    private void counted(int lineBytes) {
        messageBytes = lineBytes == 0 ? 0 : messageBytes + lineBytes;
    }

    private void check(String line) {
        if (line.isEmpty()) {
            inCommandOutput = false;
            return;
        }
        if (line.equals("Response: Follows")) {
            inCommandOutput = true;
        }
        if (inCommandOutput || line.indexOf(':') > 0 || line.contains("Call Manager")) {
            return;
        }
        malformedLines.incrementAndGet();
        if (!reported) {
            reported = true;
            String shown = line.length() > SHOWN_CHARACTERS ? line.substring(0, SHOWN_CHARACTERS) + "..." : line;
            log.warn("AMI node {} sent a line that is not 'Key: value'; ignored it (further ones on this connection "
                    + "are only counted): '{}'", node, shown.replaceAll("\\p{Cntrl}", "?"));
        }
    }

    private int indexOfNewline() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void keep(int from, int length) throws IOException {
        if (partialLength + length > MAX_LINE_BYTES + 2) {
            partialLength = 0;
            throw tooLong("a line longer than " + MAX_LINE_BYTES / 1024 + " KiB");
        }
        if (partialLength + length > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partialLength + length, partial.length * 2));
        }
        System.arraycopy(buffer, from, partial, partialLength, length);
        partialLength += length;
    }

    private TooLong tooLong(String what) throws IOException {
        TooLong tooLong = new TooLong(what);
        closedBecause = tooLong.getMessage();
        close();
        return tooLong;
    }

    private void fill() throws IOException {
        int read = in.read(buffer);
        if (read < 0) {
            throw new EOFException("end of stream");
        }
        start = 0;
        end = read;
    }

    /** Why this side closed the connection, or null if it did not. */
    String closedBecause() {
        return closedBecause;
    }
}
