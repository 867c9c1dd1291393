package org.hotline12333.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.hotline12333.telephony.CallInfo;

/**
 * The meeting point of a waiting caller's thread (the AGI session, inside {@code connect}) and everything that can
 * happen to them elsewhere: an agent claimed for them by any thread, or AMI reporting that they hung up.
 */
final class Waiter {

    final CallInfo call;
    final RouteRequest request;
    final Instant queuedAt;
    /** No agent could be handed to the caller as they arrived: they wait, and hear so before anything else. */
    volatile boolean queuedOnArrival;
    private Router.Assignment offer;
    private String goneBy;
    private boolean closed;
    private Takeover takeover;
    /** The agent leg being dialled or talking, as AMI reports it. */
    volatile String agentChannel;
    volatile Instant agentAnsweredAt;
    volatile long legId;
    volatile String agent;
    volatile ChosenBy chosenBy;
    volatile String reason;
    /** Set by a blind transfer: where the caller goes when the current agent leg ends. */
    volatile Transfer transfer;
    /** Set from an attended transfer's request until Asterisk reports it done or over. */
    volatile Consultation attended;

    Waiter(CallInfo call, RouteRequest request, Instant queuedAt) {
        this.call = call;
        this.request = request;
        this.queuedAt = queuedAt;
    }

    record Transfer(String fromAgent, String toAgent, String group, String post) {
    }

    /** What a supervisor asked for: the caller's thread carries it out when the agent's leg ends, or at once. */
    sealed interface Takeover permits Intercept, Release {
        String supervisor();

        String reason();
    }

    /**
     * The supervisor takes the call over: the caller is bridged with the supervisor's channel.
     *
     * @param as      who the call record names as the call's agent from now on (the supervisor's work number, or user)
     * @param phone       the supervisor's phone (PJSIP/2001)
     * @param channelId   the supervisor's channel's unique id (what the caller is bridged with)
     * @param channelName its name (PJSIP/2001-0000004a), for the call's leg
     */
    record Intercept(String supervisor, String as, String phone, String channelId, String channelName, String reason)
            implements Takeover {
    }

    /** The supervisor ends the call (强拆): the caller hears the apology and is hung up. */
    record Release(String supervisor, String reason) implements Takeover {
    }
    /** Hands an agent to the caller; false when the caller is no longer waiting for one. */
    synchronized boolean offer(Router.Assignment assignment) {
        if (closed || goneBy != null || offer != null) {
            return false;
        }
        offer = assignment;
        notifyAll();
        return true;
    }

    /** The caller hung up, as seen by {@code how} (AMI, or the probe). */
    synchronized void gone(String how) {
        if (goneBy == null) {
            goneBy = how;
            notifyAll();
        }
    }

    synchronized String goneBy() {
        return goneBy;
    }

    /**
     * Arms a supervisor's takeover and wakes a waiting caller; false when the call is over, one is armed, or the agent
     * is transferring the caller.
     */
    synchronized boolean takeOver(Takeover what) {
        if (closed || goneBy != null || takeover != null || transferring()) {
            return false;
        }
        takeover = what;
        notifyAll();
        return true;
    }

    /** Gives up a takeover that could not be started (Asterisk refused to hang up the agent's leg). */
    synchronized void dropTakeover(Takeover what) {
        if (takeover == what) {
            takeover = null;
        }
    }

    synchronized Takeover takeover() {
        return takeover;
    }

    /**
     * An agent's transfer is under way: an attended one consulting, or a blind one whose agent leg has not ended yet
     * (a caller waiting for a blind transfer's target keeps {@link #transfer} with no agent).
     */
    synchronized boolean transferring() {
        return attended != null || transfer != null && agent != null;
    }

    /** Starts the agent's blind transfer; false when a supervisor's takeover is armed. */
    synchronized boolean blindTransfer(Transfer to) {
        if (takeover != null) {
            return false;
        }
        transfer = to;
        return true;
    }

    /** Gives up a blind transfer that could not be started (Asterisk refused to hang up the agent's leg). */
    synchronized void dropTransfer(Transfer to) {
        if (transfer == to) {
            transfer = null;
        }
    }

    /** Starts the agent's attended transfer; false when a supervisor's takeover is armed or one is in progress. */
    synchronized boolean consult(Consultation consultation) {
        if (takeover != null || attended != null) {
            return false;
        }
        attended = consultation;
        return true;
    }

    /** The agent handed over, if any, taking it. */
    synchronized Router.Assignment takeOffer() {
        Router.Assignment taken = offer;
        offer = null;
        return taken;
    }

    /** Waits until an offer, a hang-up, a supervisor's takeover, or the deadline, whichever comes first. */
    synchronized void awaitUntil(Instant deadline, Clock clock) {
        while (offer == null && goneBy == null && takeover == null) {
            long millis = Duration.between(clock.instant(), deadline).toMillis();
            if (millis <= 0) {
                return;
            }
            try {
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** No more offers; returns one that was handed over but not taken, so its agent can be released. */
    synchronized Router.Assignment close() {
        closed = true;
        Router.Assignment left = offer;
        offer = null;
        return left;
    }
}
