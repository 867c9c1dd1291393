package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.privacy.Mask;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.prompts.MandarinReading;
import org.hotline12333.telephony.CallGoneException;
import org.hotline12333.telephony.DialResult;
import org.hotline12333.telephony.DialStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's time in routing, on their AGI session's thread: music on hold, announcements, the callback offer and
 * the hang-up probe while waiting; then the agent leg, and the next agent when one does not answer.
 */
final class QueueCall {

    private static final Logger log = LoggerFactory.getLogger(QueueCall.class);
    static final String PLEASE_HOLD = "queue-please-hold";
    static final String POSITION = "queue-position";
    static final String POSITION_UNIT = "queue-position-unit";
    static final String WAIT_MINUTES = "queue-wait-minutes";
    static final String MINUTES = "queue-minutes";
    static final String WAIT_UNDER_A_MINUTE = "queue-wait-under-minute";
    static final String CALLBACK_OFFER = "queue-callback-offer";
    static final String CALLBACK_CONFIRMED = "queue-callback-confirmed";
    static final String TRANSFERRING = "queue-transferring";

    private final CallChannel call;
    private Waiter waiter;
    private final RoutingEngine engine;
    private final CallRecords records;
    private final Callbacks callbacks;
    private final AgentLegs legs;
    private final RoutingProperties properties;
    private boolean music;
    private boolean heldBefore;
    /** Set once the caller has talked to an agent: a hang-up during a transfer is not an abandoned call. */
    private boolean talkedBefore;

    QueueCall(CallChannel call, Waiter waiter, RoutingEngine engine, CallRecords records, Callbacks callbacks,
              AgentLegs legs) {
        this.legs = legs;
        this.call = call;
        this.waiter = waiter;
        this.engine = engine;
        this.records = records;
        this.callbacks = callbacks;
        this.properties = engine.properties();
    }

    RoutingResult run() {
        Instant nextAnnouncement = now();
        Instant nextProbe = now().plus(properties.hangupProbeInterval());
        try {
            while (true) {
                Router.Assignment offer = waiter.takeOffer();
                if (offer != null) {
                    RoutingResult result = putThrough(offer);
                    if (result != null) {
                        return result;
                    }
                    nextAnnouncement = now().plus(properties.announceInterval());
                    continue;
                }
                if (waiter.goneBy() != null) {
                    return abandoned(waiter.goneBy());
                }
                Instant now = now();
                if (!now.isBefore(nextAnnouncement)) {
                    if (announce()) {
                        return callbackRequested();
                    }
                    nextAnnouncement = now().plus(properties.announceInterval());
                    continue;
                }
                if (!now.isBefore(nextProbe)) {
                    call.answer(); // a no-op on an answered channel, refused (511) on a hung-up one
                    nextProbe = now().plus(properties.hangupProbeInterval());
                    continue;
                }
                musicOn();
                waiter.awaitUntil(nextAnnouncement.isBefore(nextProbe) ? nextAnnouncement : nextProbe, engine.clock());
            }
        } catch (CallGoneException gone) {
            return abandoned("AGI");
        } finally {
            engine.leave(waiter);
        }
    }

    /** Dials the agent; null when the caller goes on waiting (no answer, or transferred). */
    private RoutingResult putThrough(Router.Assignment offer) {
        String agent = offer.workNumber();
        Router.AgentSnapshot snapshot = engine.agent(agent).orElse(null);
        if (snapshot == null) {
            engine.requeue(waiter);
            return null;
        }
        try {
            musicOff();
        } catch (RuntimeException gone) {
            // the agent is already RESERVED for this caller: give them back before leaving
            engine.release(agent, "caller hung up as the agent was offered");
            throw gone;
        }
        Waiter.Transfer transfer = waiter.transfer;
        boolean transferred = transfer != null && transfer.fromAgent() != null;
        ChosenBy chosenBy = transferred ? ChosenBy.TRANSFER : offer.chosenBy();
        String reason = transferred ? "blind transfer from " + transfer.fromAgent() + ": " + offer.reason() : offer.reason();
        String dial;
        try {
            dial = engine.dialStrings().forAgent(waiter.call.node(), snapshot.node(), snapshot.endpoint());
        } catch (DialStrings.Refused refused) {
            engine.setAside(agent, refused.getMessage());
            engine.requeue(waiter);
            return null;
        }
        waiter.transfer = null;
        waiter.agent = agent;
        waiter.agentChannel = null;
        waiter.agentAnsweredAt = null;
        waiter.chosenBy = chosenBy;
        waiter.reason = reason;
        waiter.legId = records.legStarted(waiter.call.callId(), transferred ? CallLegView.Kind.TRANSFER
                : CallLegView.Kind.AGENT, dial, agent, now());
        DialResult result;
        try {
            result = call.dial(dial, properties.ringTimeout(), properties.dialOptions());
        } catch (CallGoneException gone) {
            if (waiter.agentAnsweredAt != null) {
                return talked(false);
            }
            records.legEnded(waiter.legId, "CALLER_GONE", now());
            engine.release(agent, "caller hung up while the agent's phone rang");
            waiter.agent = null;
            throw gone;
        }
        if (!result.answered()) {
            records.legEnded(waiter.legId, result.status().name(), now());
            boolean unreachable = result.status() == DialStatus.CHANUNAVAIL || result.status() == DialStatus.CONGESTION;
            engine.change(agent, new AgentStore.Transition(Set.of(AgentState.RESERVED), AgentState.PAUSED,
                    unreachable ? PauseReason.UNREACHABLE : PauseReason.NO_ANSWER, null,
                    "ring-no-answer (" + result.status() + ") on call " + waiter.call.callId(), false));
            waiter.agent = null;
            log.info("Agent {} did not answer call {} ({}); the caller keeps their place", agent,
                    waiter.call.callId(), result.status());
            engine.requeue(waiter);
            return null;
        }
        legs.answered(waiter, now().minus(result.answeredFor()));
        Waiter.Transfer next = waiter.transfer;
        if (next != null) {
            return transferTo(next);
        }
        return talked(stillThere());
    }

    private RoutingResult talked(boolean agentHungUpFirst) {
        String agent = waiter.agent;
        Instant now = now();
        records.legEnded(waiter.legId, "ANSWERED", now);
        endConversation(agent, now);
        records.routingEnded(waiter.call.callId(), CallOutcome.ANSWERED, now);
        return new RoutingResult(RoutingResult.Outcome.TALKED, agent, agentHungUpFirst);
    }

    private void endConversation(String agent, Instant now) {
        Router.GroupConfig group = engine.group(waiter.request.skillGroup());
        Duration wrapUp = group == null ? Duration.ZERO : group.wrapUp();
        engine.change(agent, new AgentStore.Transition(Set.of(AgentState.ON_CALL, AgentState.RESERVED),
                AgentState.WRAP_UP, null, waiter.call.callId(), null, false));
        engine.wrapUpUntil(agent, now.plus(wrapUp));
        if (waiter.agentAnsweredAt != null) {
            engine.handled(waiter.request.skillGroup(), Duration.between(waiter.agentAnsweredAt, now).plus(wrapUp));
        }
    }

    /** A blind transfer: the first agent's leg has ended; the caller waits for the target, at the head. */
    private RoutingResult transferTo(Waiter.Transfer transfer) {
        talkedBefore = true;
        Instant now = now();
        records.legEnded(waiter.legId, "TRANSFERRED", now);
        endConversation(waiter.agent, now);
        call.play(TRANSFERRING, "");
        RouteRequest request = new RouteRequest(transfer.group(), transfer.post(), waiter.request.priority(),
                waiter.request.callData());
        engine.leave(waiter);
        waiter = engine.enqueue(waiter.call, request, transfer.toAgent(), waiter.queuedAt, transfer.fromAgent());
        waiter.transfer = transfer;
        return null;
    }

    private boolean stillThere() {
        try {
            call.answer();
            return true;
        } catch (CallGoneException gone) {
            return false;
        }
    }

    /** Position and estimated wait, then the callback offer; true when the caller pressed 1 for a callback. */
    private boolean announce() {
        musicOff();
        String keys = callbackOffered() ? "1" : "";
        Optional<Character> key = Optional.empty();
        if (!heldBefore) {
            heldBefore = true;
            key = call.play(PLEASE_HOLD, keys);
        }
        int position = engine.position(waiter.call.callId());
        if (key.isEmpty() && position > 0) {
            key = call.play(POSITION, keys).or(() -> MandarinReading.play(call, MandarinReading.number(position), keys))
                    .or(() -> call.play(POSITION_UNIT, keys));
            long minutes = (engine.estimatedWait(waiter.call.callId()).toSeconds() + 59) / 60;
            if (key.isEmpty()) {
                key = minutes <= 1 ? call.play(WAIT_UNDER_A_MINUTE, keys)
                        : call.play(WAIT_MINUTES, keys)
                                .or(() -> MandarinReading.play(call, MandarinReading.number(minutes), keys))
                                .or(() -> call.play(MINUTES, keys));
            }
        }
        if (key.isEmpty() && !keys.isEmpty()) {
            key = call.play(CALLBACK_OFFER, keys);
        }
        return key.isPresent() && key.get() == '1';
    }

    private boolean callbackOffered() {
        Duration after = properties.callbackOfferAfter();
        String number = waiter.call.callerNumber();
        return !after.isZero() && !after.isNegative() && engine.dialStrings().isOutsideNumber(number)
                && !Duration.between(waiter.queuedAt, now()).minus(after).isNegative();
    }

    private RoutingResult callbackRequested() {
        engine.leave(waiter);
        long id = callbacks.request(new Callbacks.Request(waiter.call.callId(), waiter.call.callerNumber(),
                waiter.request.skillGroup(), waiter.request.priority(), null, null, null));
        records.routingEnded(waiter.call.callId(), CallOutcome.CALLBACK_REQUESTED, now());
        log.info("Call {} from {} asked for a callback (#{}) after waiting {} s", waiter.call.callId(),
                Mask.phone(waiter.call.callerNumber()), id, Duration.between(waiter.queuedAt, now()).toSeconds());
        call.play(CALLBACK_CONFIRMED, "");
        return new RoutingResult(RoutingResult.Outcome.CALLBACK_REQUESTED, null, false);
    }

    private RoutingResult abandoned(String seenBy) {
        Instant now = now();
        engine.leave(waiter);
        if (talkedBefore) {
            records.routingEnded(waiter.call.callId(), CallOutcome.ANSWERED, now);
            log.info("Caller on call {} hung up while being transferred (seen by {})", waiter.call.callId(), seenBy);
            return new RoutingResult(RoutingResult.Outcome.TALKED, null, false);
        }
        records.routingEnded(waiter.call.callId(), CallOutcome.ABANDONED, now);
        log.info("Caller {} on call {} hung up after waiting {} s (seen by {})", Mask.phone(waiter.call.callerNumber()),
                waiter.call.callId(), Duration.between(waiter.queuedAt, now).toSeconds(), seenBy);
        return new RoutingResult(RoutingResult.Outcome.ABANDONED, null, false);
    }

    private void musicOn() {
        if (!music) {
            call.startMusicOnHold(properties.musicOnHoldClass());
            music = true;
        }
    }

    private void musicOff() {
        if (music) {
            call.stopMusicOnHold();
            music = false;
        }
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
