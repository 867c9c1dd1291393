package org.hotline12333.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The channels and bridges an {@link AmiStandIn} knows, and the AMI events describing them with the fields Asterisk
 * 22 sends (checked against {@code ../shared/asterisk-traces} by {@code AmiTraceConformanceTest}): every channel
 * event carries the channel's snapshot (Channel, ChannelState, ..., Uniqueid, Linkedid), dial events the caller's
 * and the {@code Dest} snapshot, bridge events the bridge's fields.
 */
final class StandInChannels {

    /** The snapshot fields of a channel, in Asterisk's order. */
    static final List<String> SNAPSHOT = List.of("Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum",
            "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language", "AccountCode", "Context", "Exten",
            "Priority", "Uniqueid", "Linkedid");
    private static final Map<String, String> STATE_DESC = Map.of("0", "Down", "4", "Ring", "5", "Ringing", "6", "Up");
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Consumer<Map<String, String>> emit;
    private final Map<String, Map<String, String>> channels = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> bridgeOf = new ConcurrentHashMap<>();
    private final ReentrantLock sequenceLock = new ReentrantLock();
    /** Completed when the channel leaves its bridge other than for another one. */
    private final Map<String, CompletableFuture<Void>> outOfBridge = new HashMap<>();
    private final Map<String, List<String>> bridges = new ConcurrentHashMap<>();
    /** Agent legs dialled with Dial option t: their bridge acts on the transfer keys. */
    private final Set<String> transferable = ConcurrentHashMap.newKeySet();
    private final Map<String, String> devices = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Agent legs ringing until an AMI Hangup: their caller's unique id. */
    private final Map<String, String> ringingUntilHungUp = new ConcurrentHashMap<>();
    private volatile Consumer<String> hungUp = uniqueId -> { };

    StandInChannels(Consumer<Map<String, String>> emit) {
        this.emit = emit;
    }

    /** Told of every channel that hangs up (after its Hangup event). */
    void onHangup(Consumer<String> listener) {
        this.hungUp = listener;
    }

    /** An agent's phone that rings until the leg is hung up over AMI (a supervisor releasing the call, say). */
    void ringsUntilHungUp(String agent, String caller) {
        ringingUntilHungUp.put(agent, caller);
    }

    /** The caller whose Dial rings this leg until it is hung up over AMI, or null. */
    String ringingFor(String agent) {
        return ringingUntilHungUp.get(agent);
    }

    /** A new unique id, as Asterisk makes them (epoch seconds, a dot, a counter). */
    static String uniqueId() {
        return "1763950000." + IDS.incrementAndGet();
    }

    /** A new channel name for an endpoint: {@code PJSIP/1001-0000002a}. */
    static String channelName(String endpoint) {
        return String.format("%s-%08x", endpoint, 0x100000 + IDS.incrementAndGet());
    }

    /** Adds a channel (no event); {@code fields} are snapshot fields that differ from Asterisk's defaults. */
    Map<String, String> add(String uniqueId, String linkedId, String channel, Map<String, String> fields) {
        Map<String, String> snapshot = new LinkedHashMap<>();
        snapshot.put("Channel", channel);
        snapshot.put("ChannelState", "0");
        snapshot.put("ChannelStateDesc", "Down");
        snapshot.put("CallerIDNum", "<unknown>");
        snapshot.put("CallerIDName", "<unknown>");
        snapshot.put("ConnectedLineNum", "<unknown>");
        snapshot.put("ConnectedLineName", "<unknown>");
        snapshot.put("Language", "en");
        snapshot.put("AccountCode", "");
        snapshot.put("Context", "default");
        snapshot.put("Exten", "s");
        snapshot.put("Priority", "1");
        snapshot.put("Uniqueid", uniqueId);
        snapshot.put("Linkedid", linkedId);
        fields.forEach((key, value) -> set(snapshot, key, value));
        channels.put(uniqueId, snapshot);
        return snapshot;
    }

    boolean exists(String uniqueId) {
        return channels.containsKey(uniqueId);
    }

    void remove(String uniqueId) {
        channels.remove(uniqueId);
    }

    List<Map<String, String>> all() {
        synchronized (channels) {
            return channels.values().stream().map(Map::copyOf).toList();
        }
    }

    /** The unique id of the channel with this name, or of the channel whose unique id this is (as Asterisk looks up). */
    String uniqueIdOf(String channelName) {
        synchronized (channels) {
            return channels.values().stream().filter(c -> channelName.equals(c.get("Channel")))
                    .map(c -> c.get("Uniqueid")).findFirst()
                    .orElse(channels.containsKey(channelName) ? channelName : null);
        }
    }

    String field(String uniqueId, String key) {
        Map<String, String> snapshot = channels.get(uniqueId);
        return snapshot == null ? null : snapshot.get(key);
    }

    /** Changes a snapshot field (ChannelState also sets ChannelStateDesc). */
    void set(String uniqueId, String key, String value) {
        Map<String, String> snapshot = channels.get(uniqueId);
        if (snapshot != null) {
            set(snapshot, key, value);
        }
    }

    private static void set(Map<String, String> snapshot, String key, String value) {
        snapshot.put(key, value);
        if (key.equals("ChannelState")) {
            snapshot.put("ChannelStateDesc", STATE_DESC.getOrDefault(value, "Unknown"));
        }
    }

    void transferable(String uniqueId) {
        transferable.add(uniqueId);
    }

    boolean isTransferable(String uniqueId) {
        return transferable.contains(uniqueId);
    }

    /** An event's first fields: Event, Privilege, Timestamp (seconds since the epoch, to the microsecond). */
    static Map<String, String> event(String name, String privilege) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", name);
        event.put("Privilege", privilege);
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        event.put("Timestamp", String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000));
        return event;
    }

    void emit(Map<String, String> event) {
        emit.accept(event);
    }

    /** A channel event (Newchannel, Newstate, Hangup...): the snapshot, then these fields. */
    void channelEvent(String name, String uniqueId, Map<String, String> extra) {
        Map<String, String> event = event(name, "call,all");
        event.putAll(snapshot(uniqueId, ""));
        event.putAll(extra);
        emit.accept(event);
    }

    /** DialBegin, DialState, DialEnd: the caller's snapshot (none for an originated call), the Dest one, then this. */
    void dialEvent(String name, String callerId, String destinationId, String key, String value) {
        dialEvent(name, callerId, null, destinationId, key, value);
    }

    /** As above; a caller channel this stand-in does not know is described by its name and unique id only. */
    void dialEvent(String name, String callerId, String callerChannel, String destinationId, String key,
                   String value) {
        Map<String, String> event = event(name, "call,all");
        if (callerId != null && channels.containsKey(callerId)) {
            event.putAll(snapshot(callerId, ""));
        } else if (callerId != null) {
            event.put("Channel", callerChannel);
            event.put("Uniqueid", callerId);
            event.put("Linkedid", callerId);
        }
        event.putAll(snapshot(destinationId, "Dest"));
        event.put(key, value);
        emit.accept(event);
    }

    void deviceState(String device, String state) {
        devices.put(device, state);
        Map<String, String> event = event("DeviceStateChange", "call,all");
        event.put("Device", device);
        event.put("State", state);
        emit.accept(event);
    }

    /** Sets a device's state without telling anyone: how it was before the service logged in. */
    void setDevice(String device, String state) {
        devices.put(device, state);
    }

    /** Every device's current state, in the order they became known (DeviceStateList). */
    Map<String, String> devices() {
        synchronized (devices) {
            return new LinkedHashMap<>(devices);
        }
    }

    /** A basic two-party bridge (BridgeCreate). */
    String createBridge() {
        String bridge = UUID.randomUUID().toString();
        synchronized (bridges) {
            bridges.put(bridge, new ArrayList<>());
            emit.accept(bridgeEvent("BridgeCreate", bridge, ""));
        }
        return bridge;
    }

    void enterBridge(String bridge, String uniqueId) {
        synchronized (bridges) {
            bridges.get(bridge).add(uniqueId);
            bridgeOf.put(uniqueId, bridge);
            Map<String, String> event = bridgeEvent("BridgeEnter", bridge, "");
            event.putAll(snapshot(uniqueId, ""));
            emit.accept(event);
        }
    }

    /** The channel leaves its bridge (BridgeLeave); a bridge left empty is destroyed (BridgeDestroy). */
    void leaveBridge(String uniqueId) {
        synchronized (bridges) {
            leave(uniqueId);
            CompletableFuture<Void> waiting = outOfBridge.remove(uniqueId);
            if (waiting != null) {
                waiting.complete(null);
            }
        }
    }

    /**
     * Waits until the channel is in no bridge, or {@code over} (see {@link #stopWaiting}); bounded by {@link
     * WaitDefaults#TIMEOUT}, for a test that never ends the conversation.
     */
    void awaitOutOfBridge(String uniqueId, BooleanSupplier over) throws InterruptedException {
        CompletableFuture<Void> out;
        synchronized (bridges) {
            if (bridgeOf.get(uniqueId) == null || over.getAsBoolean()) {
                return;
            }
            out = outOfBridge.computeIfAbsent(uniqueId, id -> new CompletableFuture<>());
        }
        try {
            out.get(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // nobody ended the conversation: it ends here
        }
        atomically(() -> { }); // the events that ended it are all sent before the caller's side goes on
    }

    /**
     * Sends a sequence of events, as Asterisk does for one action (a hang-up of a bridged channel, a transfer), with no
     * event of a call's session in between: a session woken by the sequence goes on once it is complete.
     */
    void atomically(Runnable sequence) {
        sequenceLock.lock();
        try {
            sequence.run();
        } finally {
            sequenceLock.unlock();
        }
    }

    /**
     * Waits until the agent's phone that rings until hung up is hung up, or {@code over} (the caller's hang-up,
     * {@link #stopWaiting} of the caller); bounded by {@link WaitDefaults#TIMEOUT} like {@link #awaitOutOfBridge}.
     */
    void awaitRingingOver(String agent, String caller, BooleanSupplier over) throws InterruptedException {
        CompletableFuture<Void> out;
        synchronized (bridges) {
            if (!ringingUntilHungUp.containsKey(agent) || over.getAsBoolean()) {
                return;
            }
            out = outOfBridge.computeIfAbsent(caller, id -> new CompletableFuture<>());
        }
        try {
            out.get(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // nobody hung the phone up: the Dial ends here
        }
        atomically(() -> { }); // the events of the hang-up are all sent before the caller's side goes on
    }

    /** Ends a wait for this channel's bridge, whatever the bridge (its {@code over} has become true). */
    void stopWaiting(String uniqueId) {
        synchronized (bridges) {
            CompletableFuture<Void> waiting = outOfBridge.remove(uniqueId);
            if (waiting != null) {
                waiting.complete(null);
            }
        }
    }

    private void leave(String uniqueId) {
        synchronized (bridges) {
            String bridge = bridgeOf.remove(uniqueId);
            if (bridge == null) {
                return;
            }
            List<String> members = bridges.get(bridge);
            members.remove(uniqueId);
            Map<String, String> event = bridgeEvent("BridgeLeave", bridge, "");
            event.putAll(snapshot(uniqueId, ""));
            emit.accept(event);
            if (members.isEmpty()) {
                destroyBridge(bridge);
            }
        }
    }

    /** A channel moved from its bridge to another at once (a transfer, a Local channel optimised away). */
    void moveToBridge(String uniqueId, String bridge) {
        synchronized (bridges) {
            leave(uniqueId);
            enterBridge(bridge, uniqueId);
        }
    }

    void destroyBridge(String bridge) {
        synchronized (bridges) {
            if (bridges.containsKey(bridge) && bridges.get(bridge).isEmpty()) {
                emit.accept(bridgeEvent("BridgeDestroy", bridge, ""));
                bridges.remove(bridge);
            }
        }
    }

    String bridgeOf(String uniqueId) {
        synchronized (bridges) {
            return bridgeOf.get(uniqueId);
        }
    }

    /** The other channels in the bridge this channel is in. */
    List<String> bridgedWith(String uniqueId) {
        synchronized (bridges) {
            String bridge = bridgeOf.get(uniqueId);
            return bridge == null ? List.of()
                    : bridges.get(bridge).stream().filter(id -> !id.equals(uniqueId)).toList();
        }
    }

    /** Hangup with this cause; the channel is gone. */
    void hangup(String uniqueId, int cause, String causeText) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Cause", Integer.toString(cause));
        fields.put("Cause-txt", causeText);
        channelEvent("Hangup", uniqueId, fields);
        channels.remove(uniqueId);
        String ringingFor = ringingUntilHungUp.remove(uniqueId);
        if (ringingFor != null) {
            stopWaiting(ringingFor); // the caller's Dial ends
        }
        hungUp.accept(uniqueId);
    }

    /**
     * AMI Hangup of a channel in a two-party bridge, as Asterisk reports it (trace X1): both leave, the bridge goes,
     * the channel hangs up with Normal Clearing and its device is idle again. The other party's Dial ends.
     */
    void hangupBridged(String uniqueId, String device) {
        List<String> others = bridgedWith(uniqueId);
        leaveBridge(uniqueId);
        others.forEach(this::leaveBridge);
        hangup(uniqueId, 16, "Normal Clearing");
        deviceState(device, "NOT_INUSE");
    }

    /** A channel's snapshot fields, with a prefix (Dest, Transferee...). */
    Map<String, String> snapshot(String uniqueId, String prefix) {
        Map<String, String> snapshot = channels.get(uniqueId);
        Map<String, String> prefixed = new LinkedHashMap<>();
        if (snapshot != null) {
            synchronized (channels) {
                snapshot.forEach((key, value) -> prefixed.put(prefix + key, value));
            }
        } else {
            prefixed.put(prefix + "Uniqueid", uniqueId);
        }
        return prefixed;
    }

    /** A bridge's fields, with a prefix (OrigBridge..., SecondBridge... in AttendedTransfer). */
    Map<String, String> bridgeFields(String bridge, String prefix) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(prefix + "BridgeUniqueid", bridge);
        fields.put(prefix + "BridgeType", "basic");
        fields.put(prefix + "BridgeTechnology", "simple_bridge");
        fields.put(prefix + "BridgeCreator", "<unknown>");
        fields.put(prefix + "BridgeName", "<unknown>");
        List<String> members = bridges.get(bridge);
        fields.put(prefix + "BridgeNumChannels", Integer.toString(members == null ? 0 : members.size()));
        fields.put(prefix + "BridgeVideoSourceMode", "none");
        return fields;
    }

    private Map<String, String> bridgeEvent(String name, String bridge, String prefix) {
        Map<String, String> event = event(name, "call,all");
        event.putAll(bridgeFields(bridge, prefix));
        return event;
    }
}
