package org.hotline12333.telephony;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The live picture of channels on every Asterisk node, kept from AMI events and replaced wholesale after each
 * (re)connect, so that what was missed while disconnected does not linger; what happened while the node was being
 * asked for its channels is laid over the answer, which is older than it.
 */
@Component
public class LiveChannels {

    private final Map<String, Map<String, LiveChannel>> byNode = new ConcurrentHashMap<>();
    /** Per node being asked for its channels: the ids created (true) or hung up (false) since it was asked. */
    private final Map<String, Map<String, Boolean>> changedWhileListing = new ConcurrentHashMap<>();

    public List<LiveChannel> on(String node) {
        return List.copyOf(channels(node).values());
    }

    public List<LiveChannel> all() {
        return byNode.values().stream().map(Map::values).flatMap(Collection::stream).toList();
    }

    /** Applies one event; called by the AMI side before the event is published. */
    public synchronized void apply(PbxEvent event) {
        if (event instanceof PbxEvent.ChannelCreated created) {
            channels(created.node()).put(created.uniqueId(), new LiveChannel(created.node(), created.uniqueId(),
                    created.linkedId(), created.channel(), created.callerNumber(), false, null, created.at()));
            changedWhileListing(created.node(), created.uniqueId(), true);
        } else if (event instanceof PbxEvent.ChannelAnswered answered) {
            channels(answered.node()).computeIfPresent(answered.uniqueId(), (id, c) -> c.asAnswered());
        } else if (event instanceof PbxEvent.ChannelBridged bridged) {
            channels(bridged.node()).computeIfPresent(bridged.uniqueId(), (id, c) -> c.inBridge(bridged.bridgeId()));
        } else if (event instanceof PbxEvent.ChannelUnbridged left) {
            channels(left.node()).computeIfPresent(left.uniqueId(), (id, c) -> c.inBridge(null));
        } else if (event instanceof PbxEvent.ChannelHungUp hungUp) {
            channels(hungUp.node()).remove(hungUp.uniqueId());
            changedWhileListing(hungUp.node(), hungUp.uniqueId(), false);
        } else if (event instanceof PbxEvent.ChannelsListing listing) {
            if (listing.listing()) {
                changedWhileListing.put(listing.node(), new ConcurrentHashMap<>());
            } else {
                changedWhileListing.remove(listing.node());
            }
        } else if (event instanceof PbxEvent.ChannelsResynced resynced) {
            Map<String, LiveChannel> known = channels(resynced.node());
            Map<String, LiveChannel> fresh = new ConcurrentHashMap<>();
            resynced.channels().forEach(c -> fresh.put(c.uniqueId(), c));
            Map<String, Boolean> since = changedWhileListing.remove(resynced.node());
            if (since != null) {
                since.forEach((uniqueId, created) -> {
                    LiveChannel now = known.get(uniqueId);
                    if (created && now != null) {
                        fresh.putIfAbsent(uniqueId, now);
                    } else if (!created) {
                        fresh.remove(uniqueId);
                    }
                });
            }
            byNode.put(resynced.node(), fresh);
        }
    }

    private void changedWhileListing(String node, String uniqueId, boolean created) {
        Map<String, Boolean> changes = changedWhileListing.get(node);
        if (changes != null) {
            changes.put(uniqueId, created);
        }
    }

    private Map<String, LiveChannel> channels(String node) {
        return byNode.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
    }
}
