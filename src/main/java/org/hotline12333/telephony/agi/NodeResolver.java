package org.hotline12333.telephony.agi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.hotline12333.telephony.AsteriskProperties;

/**
 * Tells which Asterisk node a FastAGI connection comes from: the {@code node} parameter of the AGI URL when the
 * dialplan gives one, else the node whose host has the connection's address, else the only node configured.
 */
final class NodeResolver {

    static final String UNKNOWN = "unknown";

    private final List<AsteriskProperties.Node> nodes;

    NodeResolver(List<AsteriskProperties.Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    String nodeOf(String nodeParameter, InetAddress remote) {
        if (nodeParameter != null && nodes.stream().anyMatch(n -> n.name().equals(nodeParameter))) {
            return nodeParameter;
        }
        for (AsteriskProperties.Node node : nodes) {
            if (remote != null && sameHost(node.host(), remote)) {
                return node.name();
            }
        }
        return nodes.size() == 1 ? nodes.get(0).name() : UNKNOWN;
    }

    /** Whether a connection from this address comes from a configured node (a peer is not Asterisk until it does). */
    boolean isNodeAddress(InetAddress remote) {
        return remote != null && nodes.stream().anyMatch(node -> sameHost(node.host(), remote));
    }

    private static boolean sameHost(String host, InetAddress remote) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.equals(remote)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }
}
