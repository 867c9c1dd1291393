package org.hotline12333.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The AMI events of one stand-in AGI call, in the order and with the fields Asterisk 22 sent them in the recorded
 * calls (T1-T6, X1-X3): the caller's channel arriving and answered, MixMonitor, music on hold, each agent leg rung,
 * answered, bridged and ended, and the hang-ups on either side.
 */
final class StandInCallEvents {

    private final StandInChannels pbx;
    private final StandInSpies spies;
    private final String caller;
    private final String device;
    private AgentLeg leg;
    private boolean music;
    private int hangupCause = 16;

    StandInCallEvents(AmiStandIn ami, Map<String, String> headers) {
        this.pbx = ami.channels();
        this.spies = ami.spies();
        this.caller = headers.get("agi_uniqueid");
        String channel = headers.get("agi_channel");
        this.device = deviceOf(channel);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ChannelState", "4");
        fields.put("CallerIDNum", headers.get("agi_callerid"));
        fields.put("CallerIDName", headers.get("agi_calleridname"));
        fields.put("Context", headers.get("agi_context"));
        fields.put("Exten", headers.get("agi_extension"));
        pbx.add(caller, caller, channel, fields);
    }

    /** One agent leg of the call's Dial. */
    static final class AgentLeg {
        final String uniqueId;
        final String channel;
        final String device;
        final boolean ringing;
        volatile boolean answered;

        AgentLeg(String uniqueId, String channel, String device, boolean ringing) {
            this.uniqueId = uniqueId;
            this.channel = channel;
            this.device = device;
            this.ringing = ringing;
        }
    }

    void arrived() {
        pbx.channelEvent("Newchannel", caller, Map.of());
    }

    /** ANSWER: by then the dialplan has set the language and runs AGI at priority 3. */
    void answered() {
        pbx.set(caller, "ChannelState", "6");
        pbx.set(caller, "Language", "zh");
        pbx.set(caller, "Priority", "3");
        pbx.channelEvent("Newstate", caller, Map.of());
        pbx.deviceState(device, "INUSE");
    }

    void mixMonitorStarted() {
        pbx.channelEvent("MixMonitorStart", caller, Map.of());
    }

    void music(boolean on, String mohClass) {
        music = on;
        pbx.channelEvent(on ? "MusicOnHoldStart" : "MusicOnHoldStop", caller, on ? Map.of("Class", mohClass) : Map.of());
    }

    /**
     * Dial() creates the agent's channel and rings it (traces T1, T4...; a phone that does not report ringing gives no
     * Newstate Ringing, DeviceStateChange or DialState, as in T3). CHANUNAVAIL and CONGESTION: no channel.
     */
    AgentLeg dialBegins(String dialString, String options, String status, AgiStandIn.DialOutcome.Ringing ringing) {
        if (status.equals("CHANUNAVAIL") || status.equals("CONGESTION")) {
            return null;
        }
        String endpoint = dialString.contains("/") ? dialString : "PJSIP/" + dialString;
        String extension = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        AgentLeg agent = new AgentLeg(StandInChannels.uniqueId(), StandInChannels.channelName(endpoint), endpoint,
                ringing != AgiStandIn.DialOutcome.Ringing.NONE);
        pbx.add(agent.uniqueId, caller, agent.channel, Map.of("CallerIDNum", extension,
                "CallerIDName", "Agent " + extension, "Context", "agents"));
        if (options.contains("t")) {
            pbx.transferable(agent.uniqueId);
        }
        pbx.channelEvent("Newchannel", agent.uniqueId, Map.of());
        pbx.set(agent.uniqueId, "ConnectedLineNum", pbx.field(caller, "CallerIDNum"));
        pbx.set(agent.uniqueId, "ConnectedLineName", pbx.field(caller, "CallerIDName"));
        pbx.set(agent.uniqueId, "Language", pbx.field(caller, "Language"));
        pbx.set(agent.uniqueId, "Exten", pbx.field(caller, "Exten"));
        pbx.channelEvent("NewConnectedLine", agent.uniqueId, Map.of());
        boolean ringsFirst = ringing == AgiStandIn.DialOutcome.Ringing.BEFORE_DIAL_BEGIN;
        if (ringsFirst) {
            pbx.set(agent.uniqueId, "ChannelState", "5");
            pbx.channelEvent("Newstate", agent.uniqueId, Map.of());
        }
        pbx.dialEvent("DialBegin", caller, agent.uniqueId, "DialString", extension);
        if (ringsFirst) {
            pbx.deviceState(agent.device, "RINGING");
        }
        pbx.set(caller, "ConnectedLineNum", extension);
        pbx.set(caller, "ConnectedLineName", "Agent " + extension);
        pbx.channelEvent("NewConnectedLine", caller, Map.of());
        if (ringing == AgiStandIn.DialOutcome.Ringing.AFTER_DIAL_BEGIN) {
            pbx.set(agent.uniqueId, "ChannelState", "5");
            pbx.channelEvent("Newstate", agent.uniqueId, Map.of());
            pbx.deviceState(agent.device, "RINGING");
        }
        if (agent.ringing) {
            pbx.dialEvent("DialState", caller, agent.uniqueId, "DialStatus", "RINGING");
        }
        leg = agent;
        return agent;
    }

    /** The agent's phone rings on until an AMI Hangup of the leg ({@link AmiStandIn}, a supervisor's release). */
    void ringsUntilHungUp(AgentLeg agent) {
        pbx.ringsUntilHungUp(agent.uniqueId, caller);
    }

    /** Returns when the phone that rang until hung up is hung up, or {@code hungUp} once the caller has hung up. */
    void awaitRingingOver(AgentLeg agent, BooleanSupplier hungUp) throws InterruptedException {
        pbx.awaitRingingOver(agent.uniqueId, caller, hungUp);
        if (!pbx.exists(agent.uniqueId) && leg == agent) {
            leg = null;
        }
    }

    /**
     * The caller's AGI runs Bridge with this channel (name or unique id), as Asterisk 22.10.1 reported it: the
     * channel leaves ChanSpy for a new bridge, which both enter. False when there is no such channel.
     */
    boolean bridgeWith(String channel) {
        String other = pbx.uniqueIdOf(channel);
        if (other == null) {
            return false;
        }
        spies.bridged(other);
        String bridge = pbx.createBridge();
        pbx.enterBridge(bridge, other);
        pbx.enterBridge(bridge, caller);
        pbx.channelEvent("NewConnectedLine", other, Map.of());
        pbx.channelEvent("NewConnectedLine", caller, Map.of());
        return true;
    }

    /** The agent answers: Up, DialEnd ANSWER, a basic bridge with both (trace T1). */
    void agentAnswers(AgentLeg agent) {
        pbx.set(agent.uniqueId, "ChannelState", "6");
        pbx.channelEvent("Newstate", agent.uniqueId, Map.of());
        pbx.set(agent.uniqueId, "Exten", "");
        pbx.dialEvent("DialEnd", caller, agent.uniqueId, "DialStatus", "ANSWER");
        String bridge = pbx.createBridge();
        pbx.enterBridge(bridge, agent.uniqueId);
        pbx.deviceState(agent.device, "INUSE");
        pbx.enterBridge(bridge, caller);
        agent.answered = true;
    }

    /** The agent hangs up first (trace T1); nothing if the leg already ended (an AMI Hangup, say). */
    void agentHangsUp(AgentLeg agent) {
        if (!pbx.exists(agent.uniqueId)) {
            return;
        }
        pbx.channelEvent("HangupRequest", agent.uniqueId, Map.of("Cause", "16"));
        pbx.leaveBridge(agent.uniqueId);
        pbx.leaveBridge(caller);
        pbx.hangup(agent.uniqueId, 16, "Normal Clearing");
        pbx.deviceState(agent.device, "NOT_INUSE");
        leg = null;
    }

    /** The phone was not answered (NOANSWER after the ring time, trace T4; BUSY...). */
    void dialEnds(AgentLeg agent, String status) {
        pbx.dialEvent("DialEnd", caller, agent.uniqueId, "DialStatus", status);
        if (status.equals("BUSY")) {
            pbx.hangup(agent.uniqueId, 17, "User busy");
        } else {
            pbx.hangup(agent.uniqueId, 0, "Unknown");
        }
        if (agent.ringing) {
            pbx.deviceState(agent.device, "NOT_INUSE");
        }
        leg = null;
    }

    /**
     * The caller hangs up: while an agent's phone rings, Dial is cancelled and the agent's channel hung up (T3);
     * while talking, both leave the bridge (T4); otherwise (a prompt, music) only the request (T2, T6).
     */
    void callerHangsUp() {
        AgentLeg agent = leg;
        if (agent != null && pbx.exists(agent.uniqueId) && agent.answered) {
            pbx.channelEvent("HangupRequest", caller, Map.of("Cause", "16"));
            pbx.leaveBridge(caller);
            pbx.leaveBridge(agent.uniqueId);
            pbx.hangup(agent.uniqueId, 16, "Normal Clearing");
            pbx.deviceState(agent.device, "NOT_INUSE");
            leg = null;
            return;
        }
        List<String> bridgedWith = pbx.bridgedWith(caller);
        if (!bridgedWith.isEmpty()) { // bridged by the AGI's Bridge (option x): the other side is hung up with them
            pbx.channelEvent("HangupRequest", caller, Map.of("Cause", "16"));
            pbx.leaveBridge(caller);
            for (String other : bridgedWith) {
                String device = deviceOf(pbx.field(other, "Channel"));
                pbx.leaveBridge(other);
                pbx.hangup(other, 16, "Normal Clearing");
                pbx.deviceState(device, "NOT_INUSE");
            }
            return;
        }
        pbx.channelEvent("HangupRequest", caller, Map.of());
        hangupCause = 0;
        if (agent != null && pbx.exists(agent.uniqueId)) {
            pbx.dialEvent("DialEnd", caller, agent.uniqueId, "DialStatus", "CANCEL");
            pbx.hangup(agent.uniqueId, 16, "Normal Clearing");
            if (agent.ringing) {
                pbx.deviceState(agent.device, "NOT_INUSE");
            }
            leg = null;
        }
        if (music) {
            music = false;
            pbx.channelEvent("MusicOnHoldStop", caller, Map.of());
        }
    }

    /** AGI HANGUP from the service (T1). */
    void serviceHangsUp() {
        pbx.channelEvent("SoftHangupRequest", caller, Map.of("Cause", "32"));
    }

    /** A conversation the caller was in ends for them ({@link #awaitCallerOutOfBridge}). */
    void callerGone() {
        pbx.stopWaiting(caller);
    }

    /** The AGI session is over: the channel goes (Cause 0 after a caller's hang-up outside a bridge, T2). */
    void sessionEnded() {
        if (!pbx.exists(caller)) {
            return;
        }
        pbx.channelEvent("SoftHangupRequest", caller, Map.of("Cause", "16"));
        pbx.hangup(caller, hangupCause, hangupCause == 0 ? "Unknown" : "Normal Clearing");
        pbx.deviceState(device, "NOT_INUSE");
    }

    /**
     * Whether the caller is still in Dial's bridge: with the agent, alone on hold while the agent consults, or with
     * whoever a transfer left them with. It ends when the last partner hangs up and both leave it.
     */
    boolean callerTalking() {
        return pbx.bridgeOf(caller) != null;
    }

    /** Returns when {@link #callerTalking()} is over, or {@code hungUp} once the caller has hung up. */
    void awaitCallerOutOfBridge(BooleanSupplier hungUp) throws InterruptedException {
        pbx.awaitOutOfBridge(caller, hungUp);
    }

    /** {@code PJSIP/carrier-00000081} → {@code PJSIP/carrier}. */
    static String deviceOf(String channel) {
        int dash = channel.lastIndexOf('-');
        return dash > channel.indexOf('/') ? channel.substring(0, dash) : channel;
    }
}
