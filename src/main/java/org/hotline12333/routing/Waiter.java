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

    /** The agent handed over, if any, taking it. */
    synchronized Router.Assignment takeOffer() {
        Router.Assignment taken = offer;
        offer = null;
        return taken;
    }

    /** Waits until an offer, a hang-up, or the deadline, whichever comes first. */
    synchronized void awaitUntil(Instant deadline, Clock clock) {
        while (offer == null && goneBy == null) {
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
