package org.hotline12333.telephony.agi;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadPoolExecutor;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.fastagi.internal.AgiConnectionHandler;
import org.asteriskjava.util.ServerSocketFacade;

/**
 * asterisk-java's FastAGI server with the hotline's own {@link CallPool} in place of its fixed thread pool, and its
 * listening socket guarded by the {@link AgiGate}.
 */
final class HotlineAgiServer extends DefaultAgiServer {

    private final CallPool pool;
    private final AgiGate gate;
    private final Runnable onListening;

    HotlineAgiServer(MappingStrategy sessions, CallPool pool, AgiGate gate, Runnable onListening) {
        super(null, sessions, new SessionChannels());
        this.pool = pool;
        this.gate = gate;
        this.onListening = onListening;
    }

    @Override
    protected ServerSocketFacade createServerSocket() throws IOException {
        if (getPort() == 0) {
            // asterisk-java does not report the port it bound, so port 0 (any free port) is resolved up front
            try (ServerSocket probe = new ServerSocket(0, 1, getAddress())) {
                setPort(probe.getLocalPort());
            }
        }
        ServerSocketFacade socket = new GuardedServerSocket(getPort(), getAddress(), gate);
        onListening.run();
        return socket;
    }

    @Override
    protected void execute(Runnable connection) {
        AgiConnectionHandler session = (AgiConnectionHandler) connection;
        if (isDie()) {
            session.release();
            return;
        }
        pool.run(session);
    }

    @Override
    protected ThreadPoolExecutor createPool() {
        throw new UnsupportedOperationException("calls run on the CallPool");
    }
}
