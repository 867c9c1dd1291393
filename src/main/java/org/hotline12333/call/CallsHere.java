package org.hotline12333.call;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this instance knows of its calls in progress without the database, where the {@link CallJournal} may not have
 * written it yet: each call's caller number and the agent last connected, and the call of each leg.
 */
final class CallsHere {

    private final Map<String, String> callers = new ConcurrentHashMap<>();
    /** By caller's number: the agent last connected on a call in progress here. */
    private final Map<String, Connected> connected = new ConcurrentHashMap<>();
    private final Map<Long, String> legCalls = new ConcurrentHashMap<>();
    /** The legs of each call in {@link #legCalls}, so that a call's end need not look through every call's. */
    private final Map<String, Set<Long>> callLegs = new ConcurrentHashMap<>();

    void opened(String callId, String callerNumber) {
        if (callerNumber != null) {
            callers.put(callId, callerNumber);
        }
    }

    void connected(String callId, String agent, Instant at) {
        String number = callers.get(callId);
        if (number != null) {
            connected.put(number, new Connected(callId, agent, at));
        }
    }

    /** The agent connected since {@code since} on this caller's call in progress here, if any. */
    Optional<String> agentConnected(String callerNumber, Instant since) {
        Connected last = connected.get(callerNumber);
        return last != null && !last.at().isBefore(since) ? Optional.of(last.agent()) : Optional.empty();
    }

    void legStarted(long legId, String callId) {
        legCalls.put(legId, callId);
        callLegs.computeIfAbsent(callId, call -> ConcurrentHashMap.newKeySet()).add(legId);
    }

    /** The journal's key for a leg's changes: its call's while the call is in progress here, else its own. */
    String journalKey(long legId) {
        String callId = legCalls.get(legId);
        return callId != null ? callId : "leg " + legId;
    }

    /** The call has ended and everything of it is written. */
    void closed(String callId) {
        Set<Long> legs = callLegs.remove(callId);
        if (legs != null) {
            legs.forEach(legCalls::remove);
        }
        String number = callers.remove(callId);
        if (number != null) {
            connected.computeIfPresent(number, (key, last) -> last.callId().equals(callId) ? null : last);
        }
    }

    private record Connected(String callId, String agent, Instant at) {
    }
}
