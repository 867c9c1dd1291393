package org.hotline12333.telephony.agi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline12333.telephony.socket.AsteriskSocket;

/**
 * One FastAGI connection as asterisk-java reads it, with the limits its own socket lacks: the request (header lines up
 * to the blank line) must arrive within the header timeout, with at most so many lines, and no line may be longer
 * than the limit. A peer that breaks one is cut off: the request ends there (asterisk-java then hands the session an
 * incomplete request, which {@link AgiGate#wasCutOff} lets it recognise) and the socket is closed.
 *
 * <p>Lines end with {@code \n}, as asterisk-java's FastAGI reader splits them; a trailing {@code \r} is kept.
 */
final class AgiSocket extends AsteriskSocket {

    /** The limits of one connection; {@code readTimeout} applies once the request has been read. */
    record Limits(Duration headerTimeout, int maxLineLength, int maxHeaderLines, Duration readTimeout) {
    }

    /** Told when the connection stops waiting for its request (read, cut off or closed: once), and why it was cut off. */
    interface Listener {
        void requestEnded(AgiSocket socket);

        void cutOff(AgiSocket socket, String reason);
    }

    private final Limits limits;
    private final Listener listener;
    private final InputStream in;
    private final AtomicBoolean waitingForRequest = new AtomicBoolean(true);
    private final byte[] buffer = new byte[8192];
    private int position;
    private int filled;
    private boolean inRequest = true;
    private int headerLines;
    private long requestDeadline;

    AgiSocket(Socket socket, Limits limits, Listener listener) throws IOException {
        super(socket);
        this.limits = limits;
        this.listener = listener;
        this.in = socket.getInputStream();
    }

    @Override
    public String readLine() throws IOException {
        if (inRequest && requestDeadline == 0) {
            // counted from the first read: the time a call waited for a free thread is not the peer's fault
            requestDeadline = System.nanoTime() + limits.headerTimeout().toNanos();
        }
        String line;
        try {
            line = nextLine();
        } catch (Violation violation) {
            if (!inRequest) {
                close();
                throw new IOException(violation.getMessage());
            }
            cutOff(violation.getMessage());
            return null;
        }
        if (inRequest) {
            if (line == null || line.isEmpty()) {
                endRequest();
            } else if (++headerLines > limits.maxHeaderLines()) {
                cutOff("sent more than " + limits.maxHeaderLines() + " header lines");
                return null;
            }
        }
        return line;
    }

    private void endRequest() throws IOException {
        inRequest = false;
        leaveWaiting();
        if (!socket.isClosed()) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.readTimeout().toMillis()));
        }
    }

    private void cutOff(String reason) throws IOException {
        inRequest = false;
        listener.cutOff(this, reason);
        close();
    }

    private void leaveWaiting() {
        if (waitingForRequest.compareAndSet(true, false)) {
            listener.requestEnded(this);
        }
    }

    /** The next line without its {@code \n}; at the end of the stream what is left, or null when nothing is. */
    private String nextLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (position == filled && !fill()) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            int start = position;
            while (position < filled && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > limits.maxLineLength()) {
                throw new Violation("sent a line longer than " + limits.maxLineLength() + " bytes");
            }
            if (position < filled) {
                position++; // the \n
                return line.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private boolean fill() throws IOException {
        if (inRequest) {
            long left = requestDeadline - System.nanoTime();
            if (left <= 0) {
                throw new Violation(timeoutReason());
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
        }
        int read;
        try {
            read = in.read(buffer);
        } catch (SocketTimeoutException e) {
            if (inRequest) {
                throw new Violation(timeoutReason());
            }
            throw e;
        }
        if (read <= 0) {
            return false;
        }
        position = 0;
        filled = read;
        return true;
    }

    private String timeoutReason() {
        return "sent no complete request within " + limits.headerTimeout().toMillis() + " ms";
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            leaveWaiting();
        }
    }

    /** A limit broken by the peer. */
    private static final class Violation extends IOException {
        Violation(String message) {
            super(message);
        }
    }
}
