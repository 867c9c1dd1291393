package org.hotline12333.telephony;

import java.time.Instant;

/** A channel that exists on an Asterisk node now, as AMI has shown it. */
public record LiveChannel(String node, String uniqueId, String linkedId, String channel, String callerNumber,
                          boolean answered, String bridgeId, Instant since) {

    LiveChannel asAnswered() {
        return new LiveChannel(node, uniqueId, linkedId, channel, callerNumber, true, bridgeId, since);
    }

    LiveChannel inBridge(String bridge) {
        return new LiveChannel(node, uniqueId, linkedId, channel, callerNumber, answered, bridge, since);
    }
}
