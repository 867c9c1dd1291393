package org.hotline12333.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The callers in routing on this instance ({@link Waiter}s), found by call id, by their channel (for AMI events) or
 * by the agent they are with.
 */
@Component
class Waiters {

    private final Map<String, Waiter> byCall = new ConcurrentHashMap<>();
    private final Map<String, Waiter> byChannel = new ConcurrentHashMap<>();

    void add(Waiter waiter) {
        byCall.put(waiter.call.callId(), waiter);
        byChannel.put(channelKey(waiter.call.node(), waiter.call.uniqueId()), waiter);
    }

    void remove(Waiter waiter) {
        byCall.remove(waiter.call.callId(), waiter);
        byChannel.remove(channelKey(waiter.call.node(), waiter.call.uniqueId()), waiter);
    }

    /** The waiter, or null. */
    Waiter ofCall(String callId) {
        return byCall.get(callId);
    }

    /** The waiter whose caller is on this channel, or null. */
    Waiter onChannel(String node, String uniqueId) {
        return byChannel.get(channelKey(node, uniqueId));
    }

    /** The waiter this agent is put through to, or null. */
    Waiter ofAgent(String workNumber) {
        return byCall.values().stream().filter(w -> workNumber.equals(w.agent)).findFirst().orElse(null);
    }

    static String channelKey(String node, String uniqueId) {
        return node + "|" + uniqueId;
    }
}
