package org.hotline12333.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phones rung by AMI Originate that answer, and ChanSpy on them, as Asterisk 22.10 reported it (checked on a real
 * 22.10.1 with the supervisor's phone originated into {@code ChanSpy(<caller>,qEB)} with a ChannelId): the channel
 * named by its endpoint with the ChannelId as unique id, ringing, answered, OriginateResponse, then ChanSpyStart.
 * A spy with option E hangs up when the channel it spies on does; a spy pulled into a bridge (the caller's AGI
 * {@code Bridge}) spies no more.
 */
final class StandInSpies {

    private final StandInChannels pbx;
    /** Spying channels (unique id) → the channel spied on, for those that end with it (option E). */
    private final Map<String, String> spying = new ConcurrentHashMap<>();

    StandInSpies(StandInChannels pbx) {
        this.pbx = pbx;
    }

    /** The phone of this Originate answers; returns its channel's name. */
    String answer(Map<String, String> originate) {
        String id = originate.get("ChannelId");
        String endpoint = originate.get("Channel");
        String name = StandInChannels.channelName(endpoint);
        String extension = endpoint.substring(endpoint.indexOf('/') + 1);
        String callerName = originate.getOrDefault("CallerID", "");
        pbx.add(id, id, name, Map.of("CallerIDNum", extension, "CallerIDName", callerName.isEmpty() ? "<unknown>"
                : callerName, "Context", "supervisors"));
        pbx.channelEvent("Newchannel", id, Map.of());
        pbx.dialEvent("DialBegin", null, id, "DialString", extension);
        pbx.set(id, "ChannelState", "5");
        pbx.channelEvent("Newstate", id, Map.of());
        pbx.dialEvent("DialState", null, id, "DialStatus", "RINGING");
        pbx.deviceState(endpoint, "RINGING");
        pbx.set(id, "ChannelState", "6");
        pbx.channelEvent("Newstate", id, Map.of());
        pbx.dialEvent("DialEnd", null, id, "DialStatus", "ANSWER");
        pbx.deviceState(endpoint, "INUSE");
        Map<String, String> response = StandInChannels.event("OriginateResponse", "call,all");
        response.put("Response", "Success");
        response.put("Channel", name);
        response.put("Context", "");
        response.put("Exten", "");
        response.put("Application", originate.getOrDefault("Application", ""));
        response.put("Data", originate.getOrDefault("Data", ""));
        response.put("Reason", "4");
        response.put("Uniqueid", id);
        response.put("CallerIDNum", "<unknown>");
        response.put("CallerIDName", "<unknown>");
        pbx.emit(response);
        if ("ChanSpy".equalsIgnoreCase(originate.get("Application"))) {
            spy(id, originate.getOrDefault("Data", ""));
        }
        return name;
    }

    private void spy(String spy, String data) {
        String[] parts = data.split(",", -1);
        String spied = pbx.uniqueIdOf(parts[0]);
        if (spied == null) {
            return; // ChanSpy finds nobody to spy on and waits (with E it would leave at once on a real Asterisk)
        }
        Map<String, String> event = StandInChannels.event("ChanSpyStart", "call,all");
        event.putAll(pbx.snapshot(spy, "Spyer"));
        event.putAll(pbx.snapshot(spied, "Spyee"));
        pbx.emit(event);
        if (parts.length > 1 && parts[1].contains("E")) {
            spying.put(spy, spied);
        }
    }

    /** A channel has hung up: spies on it with option E hang up too. */
    void hungUp(String uniqueId) {
        new LinkedHashMap<>(spying).forEach((spy, spied) -> {
            if (spied.equals(uniqueId) && spying.remove(spy) != null && pbx.exists(spy)) {
                String endpoint = StandInCallEvents.deviceOf(pbx.field(spy, "Channel"));
                pbx.hangup(spy, 16, "Normal Clearing");
                pbx.deviceState(endpoint, "NOT_INUSE");
            }
        });
    }

    /** The spy was taken into a bridge: it spies no more (no ChanSpyStop was reported). */
    void bridged(String spy) {
        spying.remove(spy);
    }
}
