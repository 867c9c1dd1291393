package org.hotline12333.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.hotline12333.testkit.AgiStandIn.DialOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AMI stand-in sends a call's events as Asterisk 22.10.1 did in the recorded calls: each recorded call is played
 * again through the AGI stand-in linked to a fresh AMI stand-in, a second manager session records what it sends, and
 * every event of the call in the trace (the caller's and the agent legs' channels, their devices) must come with the
 * same name and fields (names, order and values, ids and times aside). Asterisk orders events of different channels
 * differently from call to call (T1 and T4 ring their agent in two orders), so the order is held per channel, and,
 * for the calls whose interleaving the stand-in copies (T1, T2, T3, T6), across the whole call too.
 */
class AmiStandInConformanceTest {

    static Stream<Arguments> recordedCalls() {
        return Stream.of(
                Arguments.of("T1-agi.log", "T1-T6-ami.log", true),
                Arguments.of("T2-agi.log", "T1-T6-ami.log", true),
                Arguments.of("T3-agi.log", "T1-T6-ami.log", true),
                Arguments.of("T4-agi.log", "T1-T6-ami.log", false),
                Arguments.of("T5-agi.log", "T1-T6-ami.log", false),
                Arguments.of("T6-agi.log", "T1-T6-ami.log", true),
                Arguments.of("X1-agi.log", "X1-X3-ami.log", false),
                Arguments.of("X2-agi.log", "X1-X3-ami.log", false),
                Arguments.of("X3-agi.log", "X1-X3-ami.log", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedCalls")
    void theStandInSendsTheCallsEventsAsAsteriskDid(String agiFile, String amiFile, boolean wholeCallOrder) {
        TraceReplay replay = TraceReplay.of(agiFile);
        String callerId = replay.headers().get("agi_uniqueid");
        List<Map<String, String>> expected = eventsOfCall(AsteriskTraces.ami(amiFile), callerId);
        List<Map<String, String>> actual;
        try (AmiStandIn ami = AmiStandIn.start("recorder", "secret");
             AmiRecorder recorder = AmiRecorder.login(ami.port(), "recorder", "secret")) {
            Awaitility.await().until(() -> ami.connected() == 1);
            AgiStandIn standIn = RecordedCallers.of(replay, agiFile).events(ami);
            if (agiFile.startsWith("X1") || agiFile.startsWith("X2")) {
                // the service's own AMI actions: an Atxfer that does nothing on a gT leg (X2), then Hangup of 1001
                standIn.dialing(e -> e.equals("PJSIP/1001") ? DialOutcome.answeredUntilHungUp() : DialOutcome.answered(8));
                replay.whileRunning(23597, call -> agentHungUpOverAmi(recorder, agiFile.startsWith("X2")));
            }
            if (agiFile.startsWith("T6")) {
                replay.afterReplyAt(79775, call -> call.pressKeyNow('1'));
            }
            AgiStandIn.SimulatedCall call = replay.against(standIn);
            recorder.send(Map.of("Action", "Ping")); // every event of the call has been read by now
            actual = recorder.events().stream().filter(e -> !e.get("Event").equals("FullyBooted")).toList();
            assertThat(call.ended()).isTrue();
        }

        List<String> actualEvents = normalised(actual);
        List<String> expectedEvents = normalised(expected);
        assertThat(perChannel(actualEvents)).as("each channel's and device's events, in order")
                .containsExactlyInAnyOrderEntriesOf(perChannel(expectedEvents));
        if (wholeCallOrder) {
            assertThat(actualEvents).as("the call's events in order").containsExactlyElementsOf(expectedEvents);
        } else {
            assertThat(actualEvents).as("the call's events").containsExactlyInAnyOrderElementsOf(expectedEvents);
        }
    }

    /** The service hangs up agent 1001 over AMI once it talks with the caller (blind transfer, X1; X2's completion). */
    private static void agentHungUpOverAmi(AmiRecorder recorder, boolean atxferFirst) {
        Map<String, String> bridged = Awaitility.await().until(() -> recorder.events().stream()
                .filter(e -> e.get("Event").equals("BridgeEnter") && e.get("Channel").startsWith("PJSIP/1001-"))
                .findFirst().orElse(null), e -> e != null);
        String channel = bridged.get("Channel");
        if (atxferFirst) {
            recorder.send(Map.of("Action", "Atxfer", "Channel", channel, "Exten", "1002", "Context", "hotline-internal"));
        }
        recorder.send(Map.of("Action", "Hangup", "Channel", channel));
    }

    /** The trace's events of one call: its channels' (Linkedid), and their devices' state changes meanwhile. */
    static List<Map<String, String>> eventsOfCall(List<AsteriskTraces.AmiEvent> trace, String callerUniqueId) {
        Set<String> devices = new LinkedHashSet<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            AsteriskTraces.AmiEvent event = trace.get(i);
            if (callerUniqueId.equals(event.get("Linkedid"))) {
                indexes.add(i);
                devices.add(StandInCallEvents.deviceOf(event.get("Channel")));
            }
        }
        List<Map<String, String>> events = new ArrayList<>();
        for (int i = indexes.get(0); i <= indexes.get(indexes.size() - 1) + 2 && i < trace.size(); i++) {
            AsteriskTraces.AmiEvent event = trace.get(i);
            boolean ofTheCall = callerUniqueId.equals(event.get("Linkedid"))
                    || (event.name().equals("DeviceStateChange") && devices.contains(event.get("Device")))
                    || (event.name().startsWith("Bridge") && !event.fields().containsKey("Channel")
                    && bridgeOfTheCall(trace, indexes, event.get("BridgeUniqueid")));
            if (ofTheCall) {
                events.add(event.fields());
            }
        }
        return events;
    }

    private static boolean bridgeOfTheCall(List<AsteriskTraces.AmiEvent> trace, List<Integer> callEvents, String bridge) {
        return callEvents.stream().map(trace::get).anyMatch(e -> bridge.equals(e.get("BridgeUniqueid")));
    }

    /**
     * Events as comparable lines: times left out, unique ids, bridge ids and channel numbers replaced by the order in
     * which they first appear in the call, so that one call's can be held against another's.
     */
    static List<String> normalised(List<Map<String, String>> events) {
        Map<String, String> tokens = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (Map<String, String> event : events) {
            Map<String, String> fields = new LinkedHashMap<>();
            event.forEach((key, value) -> fields.put(key, token(key, value, tokens)));
            lines.add(fields.toString());
        }
        return lines;
    }

    private static String token(String key, String value, Map<String, String> tokens) {
        if (key.equals("Timestamp")) {
            return "<time>";
        }
        boolean id = key.toLowerCase().endsWith("uniqueid") || key.toLowerCase().endsWith("linkedid");
        boolean channel = (key.endsWith("Channel") || key.equals("Channel")) && value.contains("/")
                && value.lastIndexOf('-') > value.indexOf('/');
        if (!id && !channel) {
            return value;
        }
        String kind = key.contains("Bridge") ? "bridge" : id ? "id" : value.substring(0, value.lastIndexOf('-'));
        String known = tokens.get(kind + ":" + value);
        if (known == null) {
            long count = tokens.keySet().stream().filter(k -> k.startsWith(kind + ":")).count();
            known = kind + "#" + (count + 1);
            tokens.put(kind + ":" + value, known);
        }
        return known;
    }

    /** Each channel's (or device's, or bridge's) events in order. */
    private static Map<String, List<String>> perChannel(List<String> events) {
        Map<String, List<String>> byChannel = new LinkedHashMap<>();
        for (String event : events) {
            for (String field : List.of("Channel=", "DestChannel=", "Device=", "BridgeUniqueid=")) {
                int at = event.indexOf(", " + field);
                if (at < 0 && !event.startsWith("{" + field)) {
                    continue;
                }
                int start = event.indexOf(field, Math.max(at, 0)) + field.length();
                int end = event.indexOf(',', start);
                String owner = field + event.substring(start, end < 0 ? event.length() - 1 : end);
                byChannel.computeIfAbsent(owner, k -> new ArrayList<>()).add(event);
            }
        }
        return byChannel;
    }
}
