package org.hotline12333.telephony;

import java.time.Instant;
import java.util.List;

/**
 * What an Asterisk node reports over AMI, in the service's own terms. Published as Spring application events in
 * the order each node sent them.
 */
public sealed interface PbxEvent {

    String node();

    Instant at();

    record ChannelCreated(String node, Instant at, String uniqueId, String linkedId, String channel,
                          String callerNumber, String context, String extension) implements PbxEvent {
    }

    record ChannelAnswered(String node, Instant at, String uniqueId, String channel) implements PbxEvent {
    }

    record DialBegan(String node, Instant at, String uniqueId, String destinationUniqueId,
                     String destinationChannel, String dialString) implements PbxEvent {
    }

    record DialEnded(String node, Instant at, String uniqueId, String destinationUniqueId,
                     String destinationChannel, DialStatus status) implements PbxEvent {
    }

    record ChannelBridged(String node, Instant at, String uniqueId, String channel, String bridgeId)
            implements PbxEvent {
    }

    record ChannelUnbridged(String node, Instant at, String uniqueId, String channel, String bridgeId)
            implements PbxEvent {
    }

    record ChannelHungUp(String node, Instant at, String uniqueId, String linkedId, String channel, int cause,
                         String causeText) implements PbxEvent {
    }

    /**
     * A channel was put on hold ({@code held}) or taken off it: Asterisk's Hold and Unhold. In an attended transfer
     * the transferring agent's channel is held while they consult the target, and taken off hold when they get the
     * caller back (cancelled, or the target did not answer).
     */
    record ChannelHeld(String node, Instant at, String uniqueId, String linkedId, String channel, boolean held)
            implements PbxEvent {
    }

    /**
     * Asterisk completed (or failed) an attended transfer: the transferee (the caller) is now with the target. For a
     * transfer to an extension the target channel is {@code Local/<extension>@<context>-...;1}.
     */
    record AttendedTransferred(String node, Instant at, boolean success, String transfereeUniqueId,
                               String transfereeChannel, String targetChannel, String transfererChannel)
            implements PbxEvent {
    }

    /**
     * A supervisor's channel started spying on another (Asterisk's ChanSpyStart): the supervisor has answered and
     * hears the spied channel. {@code spyerUniqueId} is the id the service gave the channel (Originate's ChannelId).
     */
    record SpyStarted(String node, Instant at, String spyerUniqueId, String spyerChannel, String spyeeUniqueId,
                      String spyeeChannel) implements PbxEvent {
    }

    /** A device's state (Asterisk's device state: NOT_INUSE, INUSE, RINGING, UNAVAILABLE...). */
    record DeviceStateChanged(String node, Instant at, String device, String state) implements PbxEvent {
    }

    /** A SIP contact of an endpoint became reachable or not (Asterisk's ContactStatus: Reachable, Unreachable, Removed...). */
    record ContactStateChanged(String node, Instant at, String endpoint, String aor, String uri, String status)
            implements PbxEvent {
    }

    /**
     * An Originate the service asked for (Async) did not connect: {@code reason} is Asterisk's (0 failed, 1 hung up,
     * 3 ringing when the timeout came: no answer, 5 busy, 8 congestion); {@code uniqueId} is the ChannelId given.
     */
    record OriginateFailed(String node, Instant at, String channel, String uniqueId, int reason) implements PbxEvent {

        /** Asterisk's reason in words: "no answer", "busy"... */
        public String reasonInWords() {
            return switch (reason) {
                case 3 -> "no answer";
                case 5 -> "busy";
                case 8 -> "congestion (the network could not connect)";
                case 1 -> "hung up before answering";
                default -> "failed (Asterisk reason " + reason + ")";
            };
        }
    }

    record NodeConnected(String node, Instant at, String asteriskVersion) implements PbxEvent {
    }

    record NodeDisconnected(String node, Instant at, String reason) implements PbxEvent {
    }

    /**
     * After a (re)connect, before the node is asked for its channels ({@code listing} true), or when that question
     * got no answer ({@code listing} false): what happens to channels meanwhile is kept apart, so that the answer,
     * older than it, does not undo it.
     */
    record ChannelsListing(String node, Instant at, boolean listing) implements PbxEvent {
    }

    /**
     * After a (re)connect: the channels that exist on the node now. Replaces whatever was known before, but for the
     * channels created or hung up since the node was asked ({@link ChannelsListing}).
     */
    record ChannelsResynced(String node, Instant at, List<LiveChannel> channels) implements PbxEvent {
    }
}
