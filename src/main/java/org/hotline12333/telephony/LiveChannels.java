package org.hotline12333.telephony;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The live picture of channels on every Asterisk node, kept from AMI events and replaced wholesale after each
 * (re)connect, so that what was missed while disconnected does not linger.
 */
@Component
public class LiveChannels {

    private final Map<String, Map<String, LiveChannel>> byNode = new ConcurrentHashMap<>();

    public List<LiveChannel> on(String node) {
        return List.copyOf(channels(node).values());
    }

    public List<LiveChannel> all() {
        return byNode.values().stream().map(Map::values).flatMap(Collection::stream).toList();
    }

    /** Applies one event; called by the AMI side before the event is published. */
    public void apply(PbxEvent event) {
        if (event instanceof PbxEvent.ChannelCreated created) {
            channels(created.node()).put(created.uniqueId(), new LiveChannel(created.node(), created.uniqueId(),
                    created.linkedId(), created.channel(), created.callerNumber(), false, null, created.at()));
        } else if (event instanceof PbxEvent.ChannelAnswered answered) {
            channels(answered.node()).computeIfPresent(answered.uniqueId(), (id, c) -> c.asAnswered());
        } else if (event instanceof PbxEvent.ChannelBridged bridged) {
            channels(bridged.node()).computeIfPresent(bridged.uniqueId(), (id, c) -> c.inBridge(bridged.bridgeId()));
        } else if (event instanceof PbxEvent.ChannelUnbridged left) {
            channels(left.node()).computeIfPresent(left.uniqueId(), (id, c) -> c.inBridge(null));
        } else if (event instanceof PbxEvent.ChannelHungUp hungUp) {
            channels(hungUp.node()).remove(hungUp.uniqueId());
        } else if (event instanceof PbxEvent.ChannelsResynced resynced) {
            Map<String, LiveChannel> fresh = new ConcurrentHashMap<>();
            resynced.channels().forEach(c -> fresh.put(c.uniqueId(), c));
            byNode.put(resynced.node(), fresh);
        }
    }

    private Map<String, LiveChannel> channels(String node) {
        return byNode.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
    }
}
