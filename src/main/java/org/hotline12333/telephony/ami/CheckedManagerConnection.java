package org.hotline12333.telephony.ami;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;
import org.hotline12333.telephony.AsteriskProperties;

/** asterisk-java's manager connection reading through an {@link AmiSocket}. */
final class CheckedManagerConnection extends ManagerConnectionImpl {

    private final AsteriskProperties.Node node;
    private final int connectTimeoutMillis;
    private final AtomicLong malformedLines;
    private volatile AmiSocket socket;

    CheckedManagerConnection(AsteriskProperties.Node node, long actionTimeoutMillis, AtomicLong malformedLines) {
        this.node = node;
        this.connectTimeoutMillis = (int) actionTimeoutMillis;
        this.malformedLines = malformedLines;
        setHostname(node.host());
        setPort(node.port());
        setUsername(node.username());
        setPassword(node.secret() == null ? "" : node.secret());
        setDefaultResponseTimeout(actionTimeoutMillis);
        setDefaultEventTimeout(actionTimeoutMillis);
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        AmiSocket opened = AmiSocket.connect(node.host(), node.port(), connectTimeoutMillis, node.name(),
                malformedLines);
        socket = opened;
        return opened;
    }

    /** Why the service closed the current connection itself, or null if it did not. */
    String closedBecause() {
        AmiSocket current = socket;
        return current == null ? null : current.closedBecause();
    }
}
