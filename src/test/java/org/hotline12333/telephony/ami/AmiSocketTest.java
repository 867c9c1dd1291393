package org.hotline12333.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cutting Asterisk's byte stream into lines, wherever the network happens to split it, and refusing endless ones. */
class AmiSocketTest {

    private static final String STREAM = "Asterisk Call Manager/9.0.0\r\n"
            + "Event: Newchannel\r\nChannel: PJSIP/trunk-0000002a\r\nCallerIDName: 张三丰\r\n\r\n"
            + "Response: Follows\r\nPrivilege: Command\r\nChannel   Location\nPJSIP/1001  s@hotline\n--END COMMAND--\r\n\r\n";

    private static final List<String> LINES = List.of("Asterisk Call Manager/9.0.0", "Event: Newchannel",
            "Channel: PJSIP/trunk-0000002a", "CallerIDName: 张三丰", "", "Response: Follows", "Privilege: Command",
            "Channel   Location\nPJSIP/1001  s@hotline\n--END COMMAND--", "");

    @Test
    void linesAreTheSameWhereverTheStreamIsSplitEvenInsideACharacterOrBetweenCrAndLf() throws IOException {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int chunk = 1; chunk <= bytes.length; chunk++) {
            AmiSocket socket = socket(connected(), new Chunked(bytes, chunk));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < LINES.size(); i++) {
                lines.add(socket.readLine());
            }
            assertThat(lines).as("read %d bytes at a time", chunk).isEqualTo(LINES);
            assertThatThrownBy(socket::readLine).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aLineOfTheLimitIsReadAndOneByteMoreClosesTheConnectionSayingWhy() throws IOException {
        byte[] longest = line(AmiSocket.MAX_LINE_BYTES);
        Socket underlying = connected();
        AmiSocket socket = socket(underlying, new Chunked(concat(longest, line(AmiSocket.MAX_LINE_BYTES + 1)),
                4096));

        assertThat(socket.readLine()).hasSize(AmiSocket.MAX_LINE_BYTES);
        assertThat(socket.closedBecause()).isNull();

        assertThatThrownBy(socket::readLine).isInstanceOf(AmiSocket.TooLong.class);
        assertThat(socket.closedBecause()).isEqualTo("Asterisk sent a line longer than 1024 KiB without ending it");
        assertThat(underlying.isClosed()).isTrue();
    }

    @Test
    void aMessageThatNeverEndsIsCutOffToo() throws IOException {
        byte[] field = "Variable: x=1\r\n".getBytes(StandardCharsets.UTF_8);
        InputStream fieldsForEver = new InputStream() {
            private long sent;

            @Override
            public int read() {
                return field[(int) (sent++ % field.length)];
            }
        };
        Socket underlying = connected();
        AmiSocket socket = socket(underlying, fieldsForEver);

        assertThatThrownBy(() -> {
            while (true) {
                assertThat(socket.readLine()).isEqualTo("Variable: x=1");
            }
        }).isInstanceOf(AmiSocket.TooLong.class);
        assertThat(socket.closedBecause()).isEqualTo("Asterisk sent a message longer than 16 MiB without ending it");
        assertThat(underlying.isClosed()).isTrue();
    }

    @Test
    void aBlankLineEndsAMessageAndStartsTheCountAgain() throws IOException {
        String line = "Output: " + "x".repeat(1000) + "\r\n";
        int linesPerMessage = AmiSocket.MAX_MESSAGE_BYTES / line.length() - 1;
        String message = line.repeat(linesPerMessage) + "\r\n";
        AmiSocket socket = socket(connected(), new Chunked(message.repeat(2).getBytes(StandardCharsets.UTF_8),
                64 * 1024));

        for (int i = 0; i < 2 * (linesPerMessage + 1); i++) {
            socket.readLine();
        }
        assertThat(socket.closedBecause()).isNull();
    }

    @Test
    void aLineThatNeverEndsIsCutOffInsteadOfFillingTheHeap() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        AmiSocket socket = socket(connected(), endless);

        assertThatThrownBy(socket::readLine).isInstanceOf(AmiSocket.TooLong.class);
    }

    private static AmiSocket socket(Socket socket, InputStream in) throws IOException {
        return new AmiSocket(socket, in, "test", new AtomicLong());
    }

    /** A socket connected on loopback (its own stream unused: the test hands the bytes in). */
    private final List<Socket> sockets = new ArrayList<>();

    private Socket connected() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
            sockets.add(client);
            sockets.add(server.accept());
            return client;
        }
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static byte[] line(int length) {
        byte[] line = new byte[length + 2];
        Arrays.fill(line, (byte) 'a');
        line[length] = '\r';
        line[length + 1] = '\n';
        return line;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** The bytes handed out at most {@code chunk} at a time, as a slow network would. */
    private static final class Chunked extends ByteArrayInputStream {
        private final int chunk;

        Chunked(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
