package org.hotline12333.routing;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What an agent does: log in and out, pause, go ready, see their call with a screen-pop, wrap up, transfer, bring
 * a third party in. Used by the REST desk and by the phone's feature codes alike.
 */
@Service
class AgentDesk {

    private final AgentStore store;
    private final RoutingEngine engine;
    private final CallRecords records;
    private final PasswordEncoder passwords;
    private final DeskCases cases;

    AgentDesk(AgentStore store, RoutingEngine engine, CallRecords records, PasswordEncoder passwords,
              DeskCases cases) {
        this.store = store;
        this.engine = engine;
        this.records = records;
        this.passwords = passwords;
        this.cases = cases;
    }

    /** A request that cannot be done in the agent's present state (HTTP 409). */
    static class NotNow extends RuntimeException {
        NotNow(String message) {
            super(message);
        }
    }

    Optional<AgentStore.AgentRow> agentOfUser(String username) {
        return store.agentOfUser(username);
    }

    Optional<AgentStore.AgentRow> agentByWorkNumber(String workNumber) {
        return workNumber == null || workNumber.isEmpty() ? Optional.empty() : store.agent(workNumber);
    }

    Optional<AgentStore.AgentRow> agentAt(String node, String endpoint) {
        return store.agentAt(node, endpoint);
    }

    boolean pinMatches(AgentStore.AgentRow agent, String pin) {
        return agent.pinHash() != null && pin != null && passwords.matches(pin, agent.pinHash());
    }

    /**
     * Logged out → READY; from a phone, the agent now answers on that phone. An agent busy with a call, in wrap-up or
     * paused is not moved: the request is refused and changes nothing.
     */
    AgentStore.AgentRow login(String workNumber, String node, String endpoint) {
        if (node != null && endpoint != null && !store.moveTo(workNumber, node, endpoint)) {
            AgentState now = store.agent(workNumber).map(AgentStore.AgentRow::state).orElse(null);
            throw new NotNow("agent " + workNumber + " is " + now + ": cannot log in from another phone now");
        }
        return to(workNumber, EnumSet.of(AgentState.LOGGED_OUT), AgentState.READY, null, "logged in");
    }

    AgentStore.AgentRow logout(String workNumber) {
        return to(workNumber, EnumSet.of(AgentState.READY, AgentState.PAUSED, AgentState.WRAP_UP),
                AgentState.LOGGED_OUT, null, "logged out");
    }

    AgentStore.AgentRow pause(String workNumber, PauseReason reason) {
        return to(workNumber, EnumSet.of(AgentState.READY, AgentState.PAUSED, AgentState.WRAP_UP), AgentState.PAUSED,
                reason, null);
    }

    AgentStore.AgentRow ready(String workNumber) {
        return to(workNumber, EnumSet.of(AgentState.PAUSED, AgentState.WRAP_UP, AgentState.LOGGED_OUT),
                AgentState.READY, null, null);
    }

    private AgentStore.AgentRow to(String workNumber, Set<AgentState> from, AgentState to, PauseReason reason,
                                   String note) {
        Optional<AgentStore.Changed> changed = engine.change(workNumber, to == AgentState.PAUSED
                ? AgentStore.Transition.pause(from, reason, note) : AgentStore.Transition.move(from, to, note));
        if (changed.isPresent()) {
            return changed.get().agent();
        }
        AgentStore.AgentRow now = store.agent(workNumber).orElseThrow(() -> new NotNow("no agent " + workNumber));
        if (now.state() == to && to != AgentState.PAUSED) {
            return now;
        }
        throw new NotNow("agent " + workNumber + " is " + now.state() + ": cannot go " + to + " now");
    }

    /**
     * The call the agent is on (or wrapping up), with what the agent needs to know about the caller: what the IVR
     * learned, earlier calls, and the caller's open cases (首问负责).
     */
    Optional<ScreenPop> currentCall(String workNumber) {
        AgentStore.AgentRow agent = store.agent(workNumber).orElseThrow();
        String callId = agent.callId();
        if (callId == null || Callbacks.isCallback(callId)) {
            return Optional.empty();
        }
        return records.find(callId).map(call -> new ScreenPop(call.id(), call.callerNumber(), call.startedAt(),
                call.routing().skillGroup(), call.routing().chosenBy(), call.routing().choiceReason(),
                call.routing().callData(), "true".equalsIgnoreCase(call.routing().callData().get("idVerified")),
                records.previousContacts(call.callerNumber(), call.id(), 10).stream().map(AgentDesk::contact).toList(),
                cases.openCases(call.callerNumber()), records.legs(call.id())));
    }

    /**
     * The classification code (a minor class of the cases' tree; {@link IllegalArgumentException} when it is not one)
     * and a free-text note for one of the agent's calls: the one named ({@code callId}, which the agent answered or
     * had a leg of: a wrap-up form left open while the next call came names its own call), else the call in wrap-up
     * or the last one answered. Ends wrap-up (the agent is READY again) when it was for the call in wrap-up.
     */
    AgentStore.AgentRow wrapUp(String workNumber, String callId, String classification, String note) {
        cases.classification(classification);
        AgentStore.AgentRow agent = store.agent(workNumber).orElseThrow();
        String wrapping = agent.state() == AgentState.WRAP_UP ? agent.callId() : null;
        String call = callId != null ? callId : wrapping != null ? wrapping
                : records.answeredBy(workNumber, 1).stream().map(CallSummary::id).findFirst().orElse(null);
        if (call == null || Callbacks.isCallback(call)) {
            throw new NotNow("agent " + workNumber + " has no call to wrap up");
        }
        if (callId != null && !tookPart(workNumber, callId)) {
            throw new NotNow("call " + callId + " is not one of agent " + workNumber + "'s calls: there is nothing "
                    + "of theirs to wrap up");
        }
        records.wrappedUp(call, classification.strip(), note, engine.clock().instant());
        if (call.equals(wrapping)) {
            engine.change(workNumber, AgentStore.Transition.move(EnumSet.of(AgentState.WRAP_UP), AgentState.READY,
                    "wrap-up done"));
        }
        return store.agent(workNumber).orElseThrow();
    }

    /** Whether the agent answered this call or had a leg of it (before a transfer, say). */
    private boolean tookPart(String workNumber, String callId) {
        return records.find(callId).map(c -> workNumber.equals(c.routing().agent())).orElse(false)
                || records.legs(callId).stream().anyMatch(leg -> workNumber.equals(leg.agent()));
    }

    List<CallSummary> myCalls(String workNumber, int limit) {
        return records.answeredBy(workNumber, limit);
    }

    List<AgentStore.StateChange> history(String workNumber, Instant from, Instant to) {
        return store.history(workNumber, from, to);
    }

    private static PreviousContact contact(CallSummary call) {
        return new PreviousContact(call.id(), call.startedAt(), call.routing().skillGroup(), call.routing().agent(),
                call.routing().outcome() == null ? null : call.routing().outcome().name(), call.routing().disposition());
    }

    /** @param openCases the caller's cases not closed yet, newest first */
    record ScreenPop(String callId, String callerNumber, Instant startedAt, String skillGroup, String chosenBy,
                     String choiceReason, Map<String, String> ivr, boolean idVerified,
                     List<PreviousContact> previousContacts, List<DeskCases.OpenCase> openCases,
                     List<CallLegView> legs) {
    }

    /** @param disposition the classification code the agent wrapped the call up with */
    record PreviousContact(String callId, Instant at, String skillGroup, String agent, String outcome,
                           String disposition) {
    }
}
