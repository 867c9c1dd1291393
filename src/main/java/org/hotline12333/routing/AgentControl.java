package org.hotline12333.routing;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * A supervisor forcing an agent's state: pause with a reason, ready, sign out. An agent ringing or on a call is not
 * interrupted: the state waits ({@link PendingStates}, shown as pending) and is applied when the call ends, in place
 * of wrap-up. Every forced change names the supervisor in the agent's state history.
 */
@Service
public class AgentControl {

    private static final Logger log = LoggerFactory.getLogger(AgentControl.class);
    /** While an agent is in one of these, a forced state waits for the call to end. */
    static final Set<AgentState> ON_A_CALL = EnumSet.of(AgentState.RESERVED, AgentState.ON_CALL);

    private final AgentStore store;
    private final RoutingEngine engine;
    private final PendingStates pending;
    private final ApplicationEventPublisher events;

    AgentControl(AgentStore store, RoutingEngine engine, PendingStates pending, ApplicationEventPublisher events) {
        this.store = store;
        this.engine = engine;
        this.pending = pending;
        this.events = events;
    }

    /** What became of a forced state: applied now, or waiting for the agent's call to end. */
    public record Forced(String workNumber, AgentState state, boolean pending) {
    }

    /**
     * Forces READY, PAUSED (with a reason an agent may choose) or LOGGED_OUT; a paused or logged-out agent may be
     * made READY (signed in), a logged-out one cannot be paused.
     */
    public Forced force(String workNumber, AgentState to, PauseReason pauseReason, String by, String reason) {
        check(to, pauseReason);
        PauseReason kept = to == AgentState.PAUSED ? pauseReason : null;
        for (int attempt = 0; attempt < 5; attempt++) {
            AgentStore.AgentRow agent = store.agent(workNumber).orElseThrow(() -> new ActionRefused(
                    ActionRefused.Why.UNKNOWN, "no agent " + workNumber));
            if (ON_A_CALL.contains(agent.state())) {
                pending.put(workNumber, new PendingState(to, kept, by, engine.clock().instant(), reason));
                log.info("Agent {} is {}: {} forced by {} waits for the call to end ({})", workNumber, agent.state(),
                        to, by, reason);
                applyPending(workNumber); // the call may have ended meanwhile
                return new Forced(workNumber, to, pending.find(workNumber).isPresent());
            }
            if (agent.state() == AgentState.LOGGED_OUT && to == AgentState.PAUSED) {
                throw new ActionRefused(ActionRefused.Why.NOT_NOW, "agent " + workNumber + " is logged out: they "
                        + "cannot be paused");
            }
            if (agent.state() == to && (to != AgentState.PAUSED || agent.pauseReason() == kept)) {
                pending.clear(workNumber);
                return new Forced(workNumber, to, false);
            }
            if (engine.change(workNumber, AgentStore.Transition.forced(Set.of(agent.state()), to, kept,
                    "forced by " + by + ": " + reason, by)).isPresent()) {
                pending.clear(workNumber);
                log.info("Agent {} forced {} by {} ({})", workNumber, to, by, reason);
                return new Forced(workNumber, to, false);
            }
        }
        throw new ActionRefused(ActionRefused.Why.NOT_NOW, "agent " + workNumber + " keeps changing state; try again");
    }

    /** The state waiting for the agent's call to end, if any. */
    public Optional<PendingState> pending(String workNumber) {
        return pending.find(workNumber);
    }

    /** Once an agent leaves a call (to wrap-up, or ready again after a ring), a state waiting for that is applied. */
    @EventListener
    void on(AgentStateChanged change) {
        if (!ON_A_CALL.contains(change.to())) {
            applyPending(change.workNumber());
        }
    }

    private void applyPending(String workNumber) {
        PendingState waiting = pending.find(workNumber).orElse(null);
        AgentStore.AgentRow agent = store.agent(workNumber).orElse(null);
        if (waiting == null || agent == null || ON_A_CALL.contains(agent.state()) || !pending.take(workNumber, waiting)) {
            return;
        }
        if (agent.state() == AgentState.LOGGED_OUT && waiting.state() == AgentState.PAUSED) {
            return; // signed out meanwhile: nothing to pause
        }
        boolean applied = engine.change(workNumber, AgentStore.Transition.forced(EnumSet.complementOf(
                EnumSet.copyOf(ON_A_CALL)), waiting.state(), waiting.pauseReason(), "forced by " + waiting.by()
                + " during the call: " + waiting.reason(), waiting.by())).isPresent();
        if (!applied) {
            pending.put(workNumber, waiting); // offered another call meanwhile: it waits for that one to end
            return;
        }
        log.info("Agent {}: {} forced by {} during the call, applied as it ended", workNumber, waiting.state(),
                waiting.by());
        events.publishEvent(new PendingStateApplied(workNumber, waiting, engine.clock().instant()));
    }

    private static void check(AgentState to, PauseReason pauseReason) {
        if (to == null || !Set.of(AgentState.READY, AgentState.PAUSED, AgentState.LOGGED_OUT).contains(to)) {
            throw new IllegalArgumentException("state must be READY, PAUSED or LOGGED_OUT");
        }
        if (to == AgentState.PAUSED && (pauseReason == null || pauseReason == PauseReason.NO_ANSWER
                || pauseReason == PauseReason.UNREACHABLE)) {
            throw new IllegalArgumentException("pausing needs a reason: BREAK, MEAL, TRAINING, MEETING or "
                    + "AFTER_CALL_WORK");
        }
    }
}
