package org.hotline12333.telephony.ami;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;
import org.hotline12333.telephony.AsteriskProperties;

/** asterisk-java's manager connection reading through a {@link LineCheckingSocket}. */
final class CheckedManagerConnection extends ManagerConnectionImpl {

    private final String node;
    private final AtomicLong malformedLines;

    CheckedManagerConnection(AsteriskProperties.Node node, long actionTimeoutMillis, AtomicLong malformedLines) {
        this.node = node.name();
        this.malformedLines = malformedLines;
        setHostname(node.host());
        setPort(node.port());
        setUsername(node.username());
        setPassword(node.secret() == null ? "" : node.secret());
        setDefaultResponseTimeout(actionTimeoutMillis);
        setDefaultEventTimeout(actionTimeoutMillis);
        setSocketTimeout((int) actionTimeoutMillis);
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        return new LineCheckingSocket(super.createSocket(), node, malformedLines);
    }
}
