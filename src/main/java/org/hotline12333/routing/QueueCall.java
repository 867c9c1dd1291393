package org.hotline12333.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.privacy.Mask;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallGoneException;
import org.hotline12333.telephony.DialResult;
import org.hotline12333.telephony.DialStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's time in routing, on their AGI session's thread: waiting ({@link HoldTime}: music, announcements, the
 * callback offer), then the agent leg, and the next agent when one does not answer.
 */
final class QueueCall {

    private static final Logger log = LoggerFactory.getLogger(QueueCall.class);
    static final String CALLBACK_CONFIRMED = "queue-callback-confirmed";
    static final String TRANSFERRING = "queue-transferring";

    private final CallChannel call;
    private Waiter waiter;
    private final RoutingEngine engine;
    private final CallRecords records;
    private final Callbacks callbacks;
    private final AgentLegs legs;
    private final AttendedTransfers attendedTransfers;
    private final Takeovers takeovers;
    private final RoutingProperties properties;
    private final HoldTime hold;
    /** Set once the caller has talked to an agent: a hang-up during a transfer is not an abandoned call. */
    private boolean talkedBefore;

    QueueCall(CallChannel call, Waiter waiter, RoutingEngine engine, CallRecords records, Callbacks callbacks,
              AgentLegs legs, AttendedTransfers attendedTransfers, Takeovers takeovers) {
        this.legs = legs;
        this.attendedTransfers = attendedTransfers;
        this.takeovers = takeovers;
        this.call = call;
        this.waiter = waiter;
        this.engine = engine;
        this.records = records;
        this.callbacks = callbacks;
        this.properties = engine.properties();
        this.hold = new HoldTime(call, engine);
    }

    RoutingResult run() {
        Instant nextAnnouncement = now();
        try {
            if (waiter.queuedOnArrival) {
                // a caller who has to wait is told so first, before any agent (one free meanwhile, an overflow)
                if (hold.announce(waiter)) {
                    return callbackRequested();
                }
                nextAnnouncement = now().plus(properties.announceInterval());
            }
            while (true) {
                if (waiter.takeover() instanceof Waiter.Release release) {
                    hold.musicOff();
                    return takeovers.released(call, waiter, release, null,
                            talkedBefore ? CallOutcome.ANSWERED : CallOutcome.RELEASED);
                }
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
                if (!now().isBefore(nextAnnouncement)) {
                    if (hold.announce(waiter)) {
                        return callbackRequested();
                    }
                    nextAnnouncement = now().plus(properties.announceInterval());
                } else if (hold.waitUntil(nextAnnouncement, waiter)) {
                    return callbackRequested();
                }
            }
        } catch (CallGoneException gone) {
            return abandoned("AGI");
        } finally {
            engine.leave(waiter);
            attendedTransfers.callEnded(waiter);
        }
    }

    /** Dials the agent; null when the caller goes on waiting (no answer, or transferred). */
    private RoutingResult putThrough(Router.Assignment offer) {
        String agent = offer.workNumber();
        AgentSnapshot snapshot = engine.router().agent(agent).orElse(null);
        if (snapshot == null) {
            engine.requeue(waiter);
            return null;
        }
        try {
            hold.musicOff();
        } catch (RuntimeException gone) {
            // the agent is already RESERVED for this caller: give them back before leaving
            engine.release(agent, "caller hung up as the agent was offered");
            throw gone;
        }
        if (waiter.takeover() instanceof Waiter.Release) {
            engine.release(agent, "the call was released by a supervisor before the agent was rung");
            return null;
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
        Instant dialStarted = now();
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
        if (result.answered()) {
            // AMI's DialEnd ANSWER has normally recorded the answer as it happened. Without it the Dial's start is
            // the nearest moment known: ANSWEREDTIME counts from the caller's own answer, not the agent's.
            legs.answered(waiter, dialStarted);
            if (result.callerHungUp()) {
                takeovers.callerLeft(waiter);
                return talked(false);
            }
            Waiter.Takeover takeover = waiter.takeover();
            if (takeover != null) {
                talkedBefore = true;
                RoutingResult taken = takeovers.afterAgentLeg(call, waiter, takeover, this::endConversation);
                if (taken == null) { // the supervisor's phone was gone: the caller waits again, keeping their place
                    engine.leave(waiter);
                    waiter = engine.enqueue(waiter.call, waiter.request, null, waiter.queuedAt,
                            "intercept by " + takeover.supervisor());
                }
                return taken;
            }
            Waiter.Transfer next = waiter.transfer;
            return next != null ? transferTo(next) : talked(Takeovers.stillThere(call));
        }
        if (result.callerHungUp()) {
            takeovers.callerLeft(waiter);
            return abandonedWhileRinging(agent);
        }
        if (waiter.takeover() instanceof Waiter.Release) {
            // the agent's ringing leg was hung up for the release (Asterisk 22 reports CHANUNAVAIL): not their fault
            records.legEnded(waiter.legId, "RELEASED", now());
            engine.release(agent, "the call was released by a supervisor while the phone rang");
            waiter.agent = null;
            return null;
        }
        records.legEnded(waiter.legId, result.status().name(), now());
        boolean unreachable = result.status() == DialStatus.CHANUNAVAIL || result.status() == DialStatus.CONGESTION;
        engine.change(agent, AgentStore.Transition.pause(Set.of(AgentState.RESERVED),
                unreachable ? PauseReason.UNREACHABLE : PauseReason.NO_ANSWER,
                "ring-no-answer (" + result.status() + ") on call " + waiter.call.callId()));
        waiter.agent = null;
        log.info("Agent {} did not answer call {} ({}); the caller keeps their place", agent,
                waiter.call.callId(), result.status());
        engine.requeue(waiter);
        return null;
    }

    /**
     * The caller hung up while the agent's phone rang (Dial: CANCEL). The agent did nothing wrong: they are READY
     * again, not paused, and nobody else is dialled for a caller who is gone.
     */
    private RoutingResult abandonedWhileRinging(String agent) {
        records.legEnded(waiter.legId, "CALLER_HUNG_UP", now());
        engine.release(agent, "caller hung up while the phone rang (call " + waiter.call.callId() + ")");
        waiter.agent = null;
        return abandoned("AGI: Dial CANCEL", " while agent " + agent + "'s phone rang");
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
        Duration wrapUp = engine.config().wrapUp(waiter.request.skillGroup());
        engine.startWrapUp(agent, AgentStore.Transition.onCall(Set.of(AgentState.ON_CALL, AgentState.RESERVED),
                AgentState.WRAP_UP, waiter.call.callId(), null), now, wrapUp);
        if (waiter.agentAnsweredAt != null) {
            engine.router().handled(waiter.request.skillGroup(),
                    Duration.between(waiter.agentAnsweredAt, now).plus(wrapUp));
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
        return abandoned(seenBy, "");
    }

    private RoutingResult abandoned(String seenBy, String whileWhat) {
        Instant now = now();
        engine.leave(waiter);
        if (talkedBefore) {
            records.routingEnded(waiter.call.callId(), CallOutcome.ANSWERED, now);
            log.info("Caller on call {} hung up while being transferred (seen by {})", waiter.call.callId(), seenBy);
            return new RoutingResult(RoutingResult.Outcome.TALKED, null, false);
        }
        records.routingEnded(waiter.call.callId(), CallOutcome.ABANDONED, now);
        log.info("Caller {} on call {} hung up after waiting {} s{} (seen by {})",
                Mask.phone(waiter.call.callerNumber()), waiter.call.callId(),
                Duration.between(waiter.queuedAt, now).toSeconds(), whileWhat, seenBy);
        return new RoutingResult(RoutingResult.Outcome.ABANDONED, null, false);
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
