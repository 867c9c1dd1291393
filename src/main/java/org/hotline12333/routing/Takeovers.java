package org.hotline12333.routing;

import java.time.Instant;
import java.util.function.BiConsumer;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.EndedBy;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallGoneException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A supervisor's takeover ({@link CallControl}) as the caller's own session carries it out, once the agent's leg has
 * ended (or at once for a waiting caller): what the caller hears and what the call record says.
 */
@Component
class Takeovers {

    private static final Logger log = LoggerFactory.getLogger(Takeovers.class);
    /** 非常抱歉，本次通话需要结束。感谢您的来电，再见。 */
    static final String RELEASED = "call-released";

    private final RoutingEngine engine;
    private final CallRecords records;
    private final ApplicationEventPublisher events;

    Takeovers(RoutingEngine engine, CallRecords records, ApplicationEventPublisher events) {
        this.engine = engine;
        this.records = records;
        this.events = events;
    }

    /**
     * After the agent's leg was hung up for a takeover: the leg ends, the agent goes to wrap-up, and the caller is
     * released, or bridged with the supervisor. Null when the supervisor's phone was gone: the caller should wait
     * for the next agent.
     */
    RoutingResult afterAgentLeg(CallChannel call, Waiter waiter, Waiter.Takeover takeover,
                                BiConsumer<String, Instant> endConversation) {
        String agent = waiter.agent;
        Instant now = now();
        records.legEnded(waiter.legId, takeover instanceof Waiter.Intercept ? "INTERCEPTED" : "RELEASED", now);
        endConversation.accept(agent, now);
        if (takeover instanceof Waiter.Release release) {
            return released(call, waiter, release, agent, CallOutcome.ANSWERED);
        }
        Waiter.Intercept intercept = (Waiter.Intercept) takeover;
        if (!intercepted(call, waiter, intercept, agent)) {
            return null;
        }
        records.routingEnded(waiter.call.callId(), CallOutcome.ANSWERED, now());
        return new RoutingResult(RoutingResult.Outcome.TALKED, intercept.as(), stillThere(call));
    }

    /** The caller is still on the line: ANSWER is a no-op on an answered channel, refused on a hung-up one. */
    static boolean stillThere(CallChannel call) {
        try {
            call.answer();
            return true;
        } catch (CallGoneException gone) {
            return false;
        }
    }

    /**
     * The agent has dropped out: the supervisor is now the call's agent, and the caller is bridged with the
     * supervisor's channel until one of them leaves. False when that channel was gone (the supervisor hung up
     * meanwhile): nobody talked, the caller should wait for another agent.
     */
    private boolean intercepted(CallChannel call, Waiter waiter, Waiter.Intercept intercept, String fromAgent) {
        String callId = waiter.call.callId();
        Instant now = now();
        long leg = records.legStarted(callId, CallLegView.Kind.SUPERVISOR, intercept.phone(), intercept.as(), now);
        records.legChannel(leg, intercept.channelName());
        records.legAnswered(leg, now);
        records.connected(callId, intercept.as(), ChosenBy.INTERCEPT.name(),
                "intercepted from " + fromAgent + " by " + intercept.supervisor() + ": " + intercept.reason(), now);
        waiter.agent = null;
        waiter.agentChannel = null;
        events.publishEvent(new CallTakeover(callId, CallTakeover.Kind.INTERCEPT, intercept.supervisor(), fromAgent,
                intercept.as(), true, "agent " + fromAgent + " dropped; the caller is bridged with "
                + intercept.phone(), now));
        String outcome = "CALLER_HUNG_UP";
        try {
            call.stopMusicOnHold();
            boolean bridged = call.bridge(intercept.channelId());
            outcome = bridged ? "ANSWERED" : "FAILED";
            if (!bridged) {
                log.warn("Call {}: the supervisor's channel {} was gone before the caller could be bridged with it; "
                        + "the caller waits for the next agent", callId, intercept.channelName());
                events.publishEvent(new CallTakeover(callId, CallTakeover.Kind.INTERCEPT, intercept.supervisor(),
                        fromAgent, intercept.as(), false, "the supervisor's phone had hung up: the caller waits for "
                        + "the next agent", now()));
            }
            return bridged;
        } finally {
            records.legEnded(leg, outcome, now());
        }
    }

    /**
     * Ends the call for a supervisor: the routing outcome (ANSWERED when an agent had talked with the caller), the
     * apology, the record closed as the supervisor's doing (before the session closes it with its own reason), then
     * the hang-up, which frees the caller at once.
     */
    RoutingResult released(CallChannel call, Waiter waiter, Waiter.Release release, String agent,
                           CallOutcome outcome) {
        String callId = waiter.call.callId();
        records.routingEnded(callId, outcome, now());
        try {
            call.play(RELEASED, "");
        } catch (CallGoneException gone) {
            log.debug("Call {}: the caller hung up during the release prompt", callId);
        }
        records.close(callId, EndedBy.SUPERVISOR, "released by supervisor " + release.supervisor() + ": "
                + release.reason());
        events.publishEvent(new CallTakeover(callId, CallTakeover.Kind.RELEASE, release.supervisor(), agent, null,
                true, agent != null ? "released while talking with agent " + agent : "released before an agent "
                + "answered", now()));
        try {
            call.hangup();
        } catch (CallGoneException gone) {
            // gone already: nothing to hang up
        }
        return new RoutingResult(RoutingResult.Outcome.RELEASED, agent, false);
    }

    /** The caller hung up before an armed takeover could be carried out. */
    void callerLeft(Waiter waiter) {
        Waiter.Takeover takeover = waiter.takeover();
        if (takeover != null) {
            events.publishEvent(new CallTakeover(waiter.call.callId(), takeover instanceof Waiter.Intercept
                    ? CallTakeover.Kind.INTERCEPT : CallTakeover.Kind.RELEASE, takeover.supervisor(), waiter.agent,
                    null, false, "the caller hung up first", now()));
        }
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
