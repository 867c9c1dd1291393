package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline12333.telephony.PbxEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A callback's ring of its agent's phone ({@link Callbacks}' Originate), during which the agent is RESERVED for it.
 * What ends it: the callback's call reaching the service (the agent answered: ON_CALL), Asterisk's answer to the
 * Originate saying it did not connect (the agent is paused as for any ring unanswered, and the callback is due again),
 * the phone's device states ({@link Reachability}), or, when none of these comes (an answer lost with an AMI
 * connection, or never sent), the ring time and {@link #NO_WORD_MARGIN} going by: the agent is READY again and the
 * callback tried later. Without the last two an agent stayed RESERVED until {@link RoutingSync} released stale
 * reservations, minutes later. Rings are known to the instance that rang; when it dies, the instance taking over its
 * lease releases its agents and makes its rung callbacks due again ({@link LostInstanceAgents}).
 */
@Component
class CallbackRings {

    /** Asterisk answers an Originate once its ring time is over at the latest; this much more covers a busy machine. */
    static final Duration NO_WORD_MARGIN = Duration.ofSeconds(30);

    private record Ring(String workId, String agent, Instant noWordBy) {
    }

    /** Rings under way on this instance, by the channel id given to their Originate. */
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();
    private final RoutingEngine engine;
    private final AgentStore store;
    private final JdbcClient db;
    private final RoutingProperties properties;

    CallbackRings(RoutingEngine engine, AgentStore store, JdbcClient db) {
        this.engine = engine;
        this.store = store;
        this.db = db;
        this.properties = engine.properties();
    }

    /**
     * A ring about to start; returns the channel id its Originate must give. Registered before the Originate is
     * sent, since Asterisk's answer may come before the action's own response has been read.
     */
    String starting(String workId, String agent) {
        forget(workId);
        String channelId = workId + "-" + UUID.randomUUID();
        rings.put(channelId, new Ring(workId, agent,
                engine.clock().instant().plus(properties.callbackRingTimeout()).plus(NO_WORD_MARGIN)));
        return channelId;
    }

    /** The Originate was not sent: no ring. */
    void notStarted(String channelId) {
        rings.remove(channelId);
    }

    /** The callback's call reached the service: the agent answered and is on it. */
    void answered(String workId, String agent) {
        forget(workId);
        if (reservedFor(workId, agent)) {
            engine.change(agent, AgentStore.Transition.onCall(Set.of(AgentState.RESERVED), AgentState.ON_CALL, workId,
                    "answered the callback"));
        }
    }

    /** Asterisk says the agent's phone did not connect: paused, as when a caller's ring goes unanswered. */
    @EventListener
    void on(PbxEvent.OriginateFailed failed) {
        Ring ring = failed.uniqueId() == null ? null : rings.remove(failed.uniqueId());
        if (ring == null || !reservedFor(ring.workId(), ring.agent())) {
            return;
        }
        boolean unreachable = failed.reason() == 0 || failed.reason() == 8;
        engine.change(ring.agent(), AgentStore.Transition.pause(Set.of(AgentState.RESERVED),
                unreachable ? PauseReason.UNREACHABLE : PauseReason.NO_ANSWER,
                "did not answer the callback (" + failed.reasonInWords() + ")"))
                .ifPresent(c -> missed(ring.workId(), ring.agent(), "agent did not answer: " + failed.reasonInWords(),
                        engine.clock().instant()));
    }

    /** Rings Asterisk has said nothing about by their time: their agents are READY again. Run at every tick. */
    void endUnheard(Instant now) {
        rings.forEach((channelId, ring) -> {
            if (ring.noWordBy().isBefore(now) && rings.remove(channelId, ring) && reservedFor(ring.workId(), ring.agent())) {
                String why = "nothing heard of the agent's phone within "
                        + properties.callbackRingTimeout().plus(NO_WORD_MARGIN).toSeconds() + " s";
                engine.change(ring.agent(), AgentStore.Transition.move(Set.of(AgentState.RESERVED), AgentState.READY,
                        "callback: " + why)).ifPresent(c -> missed(ring.workId(), ring.agent(), why,
                        now.plus(properties.callbackRetryInterval())));
            }
        });
    }

    /**
     * The agent did not take the callback: it is due again at {@code next} (or failed, after its last attempt), unless
     * it was dialled again meanwhile.
     */
    void missed(String workId, String agent, String why, Instant next) {
        forget(workId);
        long id = Callbacks.idOf(workId);
        Instant now = engine.clock().instant();
        db.sql("UPDATE callback_request SET status = CASE WHEN attempts >= ? THEN 'FAILED' ELSE 'PENDING' END,"
                        + " next_attempt = ?, updated_at = ?, last_error = ? WHERE id = ? AND status = 'DIALLED'"
                        + " AND agent = ?")
                .params(properties.callbackMaxAttempts(), AgentStore.ts(next), AgentStore.ts(now), why, id, agent)
                .update();
    }

    private void forget(String workId) {
        rings.values().removeIf(ring -> ring.workId().equals(workId));
    }

    private boolean reservedFor(String workId, String agent) {
        return store.agent(agent).filter(a -> a.state() == AgentState.RESERVED && workId.equals(a.callId()))
                .isPresent();
    }
}
