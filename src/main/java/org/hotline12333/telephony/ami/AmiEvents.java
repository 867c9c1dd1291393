package org.hotline12333.telephony.ami;

import java.time.Instant;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.UnholdEvent;
import org.hotline12333.telephony.DialStatus;
import org.hotline12333.telephony.LiveChannel;
import org.hotline12333.telephony.PbxEvent;

/** Translates asterisk-java's AMI events into the service's {@link PbxEvent}s; events nobody needs map to null. */
final class AmiEvents {

    /** Asterisk's channel state "Up": the channel is answered. */
    private static final int STATE_UP = 6;

    private AmiEvents() {
    }

    /** @param at when the service received it (on its clock) */
    static PbxEvent map(String node, ManagerEvent event, Instant at) {
        if (event instanceof NewChannelEvent created) {
            return new PbxEvent.ChannelCreated(node, at, created.getUniqueId(), created.getLinkedid(),
                    created.getChannel(), created.getCallerIdNum(), created.getContext(), created.getExten());
        }
        if (event instanceof NewStateEvent state) {
            return Integer.valueOf(STATE_UP).equals(state.getChannelState())
                    ? new PbxEvent.ChannelAnswered(node, at, state.getUniqueId(), state.getChannel()) : null;
        }
        if (event instanceof DialBeginEvent dial) {
            return new PbxEvent.DialBegan(node, at, dial.getUniqueId(), dial.getDestUniqueId(), dial.getDestChannel(),
                    dial.getDialString());
        }
        if (event instanceof DialEndEvent dial) {
            return new PbxEvent.DialEnded(node, at, dial.getUniqueId(), dial.getDestUniqueId(), dial.getDestChannel(),
                    DialStatus.of(dial.getDialStatus()));
        }
        if (event instanceof BridgeEnterEvent entered) {
            return new PbxEvent.ChannelBridged(node, at, entered.getUniqueId(), entered.getChannel(),
                    entered.getBridgeUniqueId());
        }
        if (event instanceof BridgeLeaveEvent left) {
            return new PbxEvent.ChannelUnbridged(node, at, left.getUniqueId(), left.getChannel(),
                    left.getBridgeUniqueId());
        }
        if (event instanceof HangupEvent hangup) {
            return new PbxEvent.ChannelHungUp(node, at, hangup.getUniqueId(), hangup.getLinkedId(),
                    hangup.getChannel(), hangup.getCause() == null ? 0 : hangup.getCause(), hangup.getCauseTxt());
        }
        if (event instanceof OriginateResponseEvent response && "Failure".equalsIgnoreCase(response.getResponse())) {
            return new PbxEvent.OriginateFailed(node, at, response.getChannel(), response.getUniqueId(),
                    response.getReason() == null ? 0 : response.getReason());
        }
        if (event instanceof HoldEvent hold) {
            return new PbxEvent.ChannelHeld(node, at, hold.getUniqueId(), hold.getLinkedId(), hold.getChannel(), true);
        }
        if (event instanceof UnholdEvent unhold) {
            return new PbxEvent.ChannelHeld(node, at, unhold.getUniqueId(), unhold.getLinkedId(), unhold.getChannel(),
                    false);
        }
        if (event instanceof AttendedTransferEvent transfer) {
            return new PbxEvent.AttendedTransferred(node, at, "Success".equalsIgnoreCase(transfer.getResult()),
                    transfer.getTransfereeUniqueid(), transfer.getTransfereeChannel(), transfer.getTransferTargetChannel(),
                    transfer.getOrigTransfererChannel());
        }
        if (event instanceof ChanSpyStartEvent spy) {
            return new PbxEvent.SpyStarted(node, at, spy.getSpyerUniqueId(), spy.getSpyerChannel(),
                    spy.getSpyeeUniqueId(), spy.getSpyeeChannel());
        }
        if (event instanceof DeviceStateChangeEvent device) {
            return new PbxEvent.DeviceStateChanged(node, at, device.getDevice(), device.getState());
        }
        if (event instanceof ContactStatusEvent contact) {
            return new PbxEvent.ContactStateChanged(node, at, contact.getEndpointName(), contact.getAor(),
                    contact.getUri(), contact.getContactStatus());
        }
        return null;
    }

    static LiveChannel liveChannel(String node, CoreShowChannelEvent channel, Instant now) {
        return new LiveChannel(node, channel.getUniqueid(), channel.getLinkedid(), channel.getChannel(),
                channel.getCallerIdNum(), Integer.valueOf(STATE_UP).equals(channel.getChannelState()),
                blankToNull(channel.getBridgeid()), now.minusSeconds(seconds(channel.getDuration())));
    }

    /** CoreShowChannels gives a duration as HH:MM:SS. */
    private static long seconds(String duration) {
        if (duration == null) {
            return 0;
        }
        long seconds = 0;
        try {
            for (String part : duration.split(":")) {
                seconds = seconds * 60 + Long.parseLong(part.trim());
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return seconds;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
