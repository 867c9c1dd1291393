package org.hotline12333.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Asterisk 22.10 does with AMI Atxfer and CancelAtxfer, and with an AMI Hangup of an agent who is consulting,
 * as checked on a real one (features.conf atxfer {@code *2}, atxferdropcall=no):
 * <ul>
 *   <li>Atxfer always answers Success. On a leg dialled without option t nothing else happens: the keys go to the
 *       caller (recorded call X2).</li>
 *   <li>On a leg dialled with t: the agent is held, the caller hears music, a Local channel to the target extension
 *       is bridged with the agent and dials the target's phone, which answers.</li>
 *   <li>Hangup of the consulting agent completes it: the Local channel takes the agent's place in the caller's
 *       bridge, AttendedTransfer (Success) is reported, the agent's channel goes, and the Local channel is
 *       optimised away: the caller ends up bridged with the target's phone.</li>
 *   <li>CancelAtxfer: the agent is back with the caller (Unhold), the target's side is hung up.</li>
 * </ul>
 */
final class StandInTransfers {

    private final StandInChannels pbx;
    private final Map<String, Consulting> byAgent = new ConcurrentHashMap<>();

    StandInTransfers(StandInChannels pbx) {
        this.pbx = pbx;
    }

    private record Consulting(String agent, String caller, String callerBridge, String consultBridge,
                              String localOne, String localTwo, String target, String targetBridge,
                              String targetDevice) {
    }

    /** Atxfer on this channel; false when the channel does not exist. */
    boolean atxfer(String channel, String extension, String context) {
        String agent = pbx.uniqueIdOf(channel);
        if (agent == null) {
            return false;
        }
        String callerBridge = pbx.bridgeOf(agent);
        if (!pbx.isTransferable(agent) || callerBridge == null || pbx.bridgedWith(agent).isEmpty()) {
            return true; // accepted, and nothing happens
        }
        String caller = pbx.bridgedWith(agent).get(0);
        String linked = pbx.field(agent, "Linkedid");
        pbx.channelEvent("Hold", agent, Map.of());
        pbx.channelEvent("MusicOnHoldStart", caller, Map.of("Class", "default"));
        pbx.deviceState(StandInCallEvents.deviceOf(pbx.field(caller, "Channel")), "ONHOLD");
        String local = String.format("Local/%s@%s-%08x", extension, context, 0x200000 + (int) (Math.random() * 0xffff));
        String localOne = StandInChannels.uniqueId();
        String localTwo = StandInChannels.uniqueId();
        pbx.add(localOne, linked, local + ";1", Map.of("Context", context, "Exten", extension));
        pbx.channelEvent("Newchannel", localOne, Map.of());
        pbx.add(localTwo, linked, local + ";2", Map.of("ChannelState", "4", "Context", context, "Exten", extension));
        pbx.channelEvent("Newchannel", localTwo, Map.of());
        String consult = pbx.createBridge();
        pbx.enterBridge(consult, localOne);
        String endpoint = "PJSIP/" + extension;
        String target = StandInChannels.uniqueId();
        pbx.add(target, linked, StandInChannels.channelName(endpoint), Map.of("CallerIDNum", extension,
                "CallerIDName", "Agent " + extension, "Context", "agents"));
        pbx.channelEvent("Newchannel", target, Map.of());
        pbx.moveToBridge(agent, consult);
        pbx.set(localTwo, "Context", "hotline-dial-staff");
        pbx.set(localTwo, "Exten", "s");
        pbx.dialEvent("DialBegin", localTwo, target, "DialString", extension);
        pbx.set(target, "ChannelState", "5");
        pbx.channelEvent("Newstate", target, Map.of());
        pbx.deviceState(endpoint, "RINGING");
        pbx.dialEvent("DialState", null, localOne, "DialStatus", "RINGING"); // the transfer's own dial: no Channel
        pbx.dialEvent("DialState", localTwo, target, "DialStatus", "RINGING");
        pbx.set(target, "ChannelState", "6");
        pbx.channelEvent("Newstate", target, Map.of());
        pbx.deviceState(endpoint, "INUSE");
        pbx.dialEvent("DialEnd", localTwo, target, "DialStatus", "ANSWER");
        pbx.dialEvent("DialEnd", null, localOne, "DialStatus", "ANSWER");
        String targetBridge = pbx.createBridge();
        pbx.enterBridge(targetBridge, target);
        pbx.enterBridge(targetBridge, localTwo);
        byAgent.put(agent, new Consulting(agent, caller, callerBridge, consult, localOne, localTwo, target,
                targetBridge, endpoint));
        return true;
    }

    /** An AMI Hangup of a consulting agent: true when it completed a transfer (the events are sent). */
    boolean hangupCompletes(String agent) {
        Consulting c = byAgent.remove(agent);
        if (c == null) {
            return false;
        }
        pbx.moveToBridge(c.localOne(), c.callerBridge());
        pbx.channelEvent("MusicOnHoldStop", c.caller(), Map.of());
        pbx.deviceState(StandInCallEvents.deviceOf(pbx.field(c.caller(), "Channel")), "INUSE");
        pbx.leaveBridge(agent);
        Map<String, String> event = StandInChannels.event("AttendedTransfer", "call,all");
        event.put("Result", "Success");
        event.putAll(pbx.snapshot(agent, "OrigTransferer"));
        event.putAll(pbx.bridgeFields(c.callerBridge(), "Orig"));
        event.putAll(pbx.snapshot(agent, "SecondTransferer"));
        event.putAll(pbx.bridgeFields(c.consultBridge(), "Second"));
        event.putAll(pbx.snapshot(c.caller(), "Transferee"));
        event.putAll(pbx.snapshot(c.localOne(), "TransferTarget"));
        event.put("IsExternal", "No");
        event.put("DestType", "Bridge");
        event.put("DestBridgeUniqueid", c.callerBridge());
        pbx.emit(event);
        String agentChannel = pbx.field(agent, "Channel");
        pbx.hangup(agent, 16, "Normal Clearing");
        pbx.deviceState(StandInCallEvents.deviceOf(agentChannel), "NOT_INUSE");
        // the Local channel is optimised away: the caller joins the target's bridge
        pbx.moveToBridge(c.caller(), c.targetBridge());
        pbx.leaveBridge(c.localTwo());
        pbx.leaveBridge(c.localOne());
        pbx.hangup(c.localOne(), 16, "Normal Clearing");
        pbx.hangup(c.localTwo(), 16, "Normal Clearing");
        return true;
    }

    /** CancelAtxfer: the agent is back with the caller; the target's side is hung up. */
    void cancel(String channel) {
        String agent = pbx.uniqueIdOf(channel);
        Consulting c = agent == null ? null : byAgent.remove(agent);
        if (c == null) {
            return;
        }
        pbx.moveToBridge(agent, c.callerBridge());
        pbx.channelEvent("MusicOnHoldStop", c.caller(), Map.of());
        pbx.deviceState(StandInCallEvents.deviceOf(pbx.field(c.caller(), "Channel")), "INUSE");
        pbx.channelEvent("Unhold", agent, Map.of());
        pbx.leaveBridge(c.target());
        pbx.leaveBridge(c.localTwo());
        pbx.leaveBridge(c.localOne());
        pbx.hangup(c.target(), 16, "Normal Clearing");
        pbx.deviceState(c.targetDevice(), "NOT_INUSE");
        pbx.hangup(c.localTwo(), 16, "Normal Clearing");
        pbx.hangup(c.localOne(), 16, "Normal Clearing");
    }
}
