package org.hotline12333.routing;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Agents' phones as AMI reports them. A phone that is unregistered or stops answering qualify requests makes its
 * agent unreachable: never offered a call, and set aside (PAUSED, unreachable) if READY; when it is back, an agent
 * set aside that way is READY again. Device states also follow the agent on a callback, which the service
 * originated and so does not see in an AGI session: ringing, answered, hung up.
 */
@Component
class Reachability {

    private static final Set<String> UNREACHABLE_CONTACT = Set.of("UNREACHABLE", "REMOVED");
    private static final Set<String> REACHABLE_CONTACT = Set.of("REACHABLE", "CREATED", "NONQUALIFIED");
    private static final Set<String> IN_USE = Set.of("INUSE", "BUSY", "ONHOLD", "RINGINUSE");

    private final AgentStore store;
    private final RoutingEngine engine;
    private final Callbacks callbacks;
    private final CallbackRings rings;

    Reachability(AgentStore store, RoutingEngine engine, Callbacks callbacks, CallbackRings rings) {
        this.store = store;
        this.engine = engine;
        this.callbacks = callbacks;
        this.rings = rings;
    }

    @EventListener
    void on(org.hotline12333.telephony.PbxEvent.ContactStateChanged contact) {
        String status = normalise(contact.status());
        String endpoint = contact.endpoint() == null || contact.endpoint().isBlank() ? contact.aor() : contact.endpoint();
        if (endpoint == null) {
            return;
        }
        if (!engine.isAgentPhone(contact.node(), "PJSIP/" + endpoint)) {
            return;
        }
        Optional<AgentStore.AgentRow> agent = store.agentAt(contact.node(), "PJSIP/" + endpoint);
        if (UNREACHABLE_CONTACT.contains(status)) {
            agent.ifPresent(a -> reachable(a, false, "phone unreachable (" + contact.status() + ")"));
        } else if (REACHABLE_CONTACT.contains(status)) {
            agent.ifPresent(a -> reachable(a, true, "phone reachable again"));
        }
    }

    @EventListener
    void on(org.hotline12333.telephony.PbxEvent.DeviceStateChanged device) {
        if (!engine.isAgentPhone(device.node(), device.device())) {
            return;
        }
        String state = normalise(device.state());
        Optional<AgentStore.AgentRow> found = store.agentAt(device.node(), device.device());
        if (found.isEmpty()) {
            return;
        }
        AgentStore.AgentRow agent = found.get();
        if ("UNAVAILABLE".equals(state) || "INVALID".equals(state)) {
            reachable(agent, false, "phone unavailable");
            return;
        }
        if (!agent.reachable()) {
            reachable(agent, true, "phone available again");
        }
        if (!Callbacks.isCallback(agent.callId())) {
            return;
        }
        if (IN_USE.contains(state) && agent.state() == AgentState.RESERVED) {
            engine.change(agent.workNumber(), AgentStore.Transition.onCall(Set.of(AgentState.RESERVED),
                    AgentState.ON_CALL, agent.callId(), "answered the callback"));
        } else if ("NOT_INUSE".equals(state) && agent.state() == AgentState.RESERVED) {
            engine.change(agent.workNumber(), AgentStore.Transition.pause(Set.of(AgentState.RESERVED),
                    PauseReason.NO_ANSWER, "did not answer the callback")).ifPresent(c -> rings.missed(agent.callId(),
                    agent.workNumber(), "agent did not answer", engine.clock().instant()));
        } else if ("NOT_INUSE".equals(state) && agent.state() == AgentState.ON_CALL) {
            engine.startWrapUp(agent.workNumber(), AgentStore.Transition.onCall(Set.of(AgentState.ON_CALL),
                    AgentState.WRAP_UP, agent.callId(), "callback ended"), engine.clock().instant(),
                    callbacks.wrapUpOf(agent.callId()));
        }
    }

    private void reachable(AgentStore.AgentRow agent, boolean reachable, String why) {
        Optional<AgentStore.AgentRow> changed = store.reachable(agent.workNumber(), reachable);
        if (changed.isEmpty()) {
            return;
        }
        engine.apply(changed.get());
        if (!reachable && changed.get().state() == AgentState.READY) {
            engine.change(agent.workNumber(), AgentStore.Transition.pause(Set.of(AgentState.READY),
                    PauseReason.UNREACHABLE, why));
        } else if (reachable && changed.get().state() == AgentState.PAUSED
                && changed.get().pauseReason() == PauseReason.UNREACHABLE) {
            engine.change(agent.workNumber(), AgentStore.Transition.move(Set.of(AgentState.PAUSED),
                    AgentState.READY, why));
        }
    }

    private static String normalise(String value) {
        return value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
    }
}
