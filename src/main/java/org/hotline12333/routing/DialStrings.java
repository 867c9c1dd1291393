package org.hotline12333.routing;

/** How to reach an agent's phone from the node a call is on: directly, or through a remote node's trunk. */
final class DialStrings {

    private DialStrings() {
    }

    static String forAgent(RoutingProperties properties, String callerNode, String agentNode, String endpoint) {
        if (callerNode == null || callerNode.equals(agentNode)) {
            return endpoint;
        }
        String template = properties.remoteDial().get(agentNode);
        if (template == null) {
            return endpoint;
        }
        return template.replace("{endpoint}", endpoint).replace("{extension}", extension(endpoint));
    }

    /** {@code PJSIP/1001} → {@code 1001}. */
    static String extension(String endpoint) {
        int slash = endpoint.lastIndexOf('/');
        return slash < 0 ? endpoint : endpoint.substring(slash + 1);
    }

    /** {@code PJSIP/1001-00000012} → {@code PJSIP/1001}: the endpoint a channel belongs to. */
    static String endpointOf(String channel) {
        if (channel == null) {
            return null;
        }
        int dash = channel.lastIndexOf('-');
        return dash > channel.indexOf('/') ? channel.substring(0, dash) : channel;
    }
}
