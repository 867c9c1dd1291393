package org.hotline12333.telephony.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;

/** The FastAGI listening socket: hands asterisk-java only the connections the {@link AgiGate} admits. */
final class GuardedServerSocket implements ServerSocketFacade {

    private static final int BACKLOG = 200;

    private final ServerSocket serverSocket;
    private final AgiGate gate;

    GuardedServerSocket(int port, InetAddress address, AgiGate gate) throws IOException {
        this.serverSocket = new ServerSocket(port, BACKLOG, address);
        this.gate = gate;
    }

    @Override
    public SocketConnectionFacade accept() throws IOException {
        while (true) {
            Socket socket = serverSocket.accept();
            AgiSocket admitted = gate.admit(socket);
            if (admitted != null) {
                return admitted;
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }

    /** The read timeout after the request is the gate's; asterisk-java's setting is not used. */
    @Override
    public void setSocketReadTimeout(int socketReadTimeout) {
    }
}
