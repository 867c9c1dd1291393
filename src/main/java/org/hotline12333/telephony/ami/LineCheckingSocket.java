package org.hotline12333.telephony.ami;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI socket as asterisk-java reads it, with one addition: a line that is not {@code Key: value} (and not the
 * banner or command output) is reported. asterisk-java drops such lines silently; a device or proxy that garbles the
 * stream should be visible. The first bad line per connection is logged as a warning, the rest only counted.
 */
final class LineCheckingSocket implements SocketConnectionFacade {

    private static final Logger log = LoggerFactory.getLogger(LineCheckingSocket.class);
    private static final int SHOWN_CHARACTERS = 80;

    private final SocketConnectionFacade socket;
    private final String node;
    private final AtomicLong malformedLines;
    private boolean inCommandOutput;
    private boolean reported;

    LineCheckingSocket(SocketConnectionFacade socket, String node, AtomicLong malformedLines) {
        this.socket = socket;
        this.node = node;
        this.malformedLines = malformedLines;
    }

    @Override
    public String readLine() throws IOException {
        String line = socket.readLine();
        if (line != null) {
            check(line);
        }
        return line;
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

    @Override
    public void write(String s) throws IOException {
        socket.write(s);
    }

    @Override
    public void flush() throws IOException {
        socket.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getRemoteAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getRemotePort();
    }
}
