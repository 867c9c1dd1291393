package org.hotline12333.routing;

import java.util.Optional;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.hotline12333.telephony.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * What a supervisor can do to a call routing holds (on this instance): take it over from the agent (接管) or end it
 * (强拆). Both work as a real Asterisk 22 lets them (checked on 22.10.1): the agent's leg is hung up over AMI, the
 * caller's Dial returns and the caller's own session carries on with what was asked ({@link Takeovers}): bridging
 * with the supervisor's channel, or an apology and a hang-up. Moving or bridging the caller's channel over AMI is
 * never done: it would end the caller's session (Redirect, Bridge).
 */
@Service
public class CallControl {

    private static final Logger log = LoggerFactory.getLogger(CallControl.class);
    /** How long a user name may be to stand as a call's agent (the column of agents' work numbers). */
    private static final int AGENT_COLUMN = 32;

    private final RoutingEngine engine;
    private final AgentStore store;
    private final PbxActions pbx;
    private final Waiters waiters;

    CallControl(RoutingEngine engine, AgentStore store, PbxActions pbx, Waiters waiters) {
        this.engine = engine;
        this.store = store;
        this.pbx = pbx;
        this.waiters = waiters;
    }

    /** Where a call that can be taken over is: its node, the caller's channel, the agent and their leg's channel. */
    public record Target(String callId, String node, String callerChannel, String agent, String agentChannel) {
    }

    /** Where the call was when a release was asked for. */
    public enum Stage { WAITING, RINGING, TALKING }

    /** The call if a supervisor can take it over now: talking with an agent, nothing else in progress. */
    public Target interceptable(String callId) {
        Waiter waiter = waiterOf(callId);
        if (waiter.agent == null || waiter.agentAnsweredAt == null) {
            throw notNow("call " + callId + " is not talking with an agent now");
        }
        if (waiter.agentChannel == null) {
            throw notNow("the agent's channel is not known yet (it comes from AMI); try again");
        }
        nothingInProgress(waiter);
        return new Target(callId, waiter.call.node(), waiter.call.channel(), waiter.agent, waiter.agentChannel);
    }

    /** The agent the caller is talking with now, as routing on this instance knows it (not as last written). */
    public Optional<String> talkingWith(String callId) {
        Waiter waiter = waiters.ofCall(callId);
        return waiter == null || waiter.agentAnsweredAt == null ? Optional.empty() : Optional.ofNullable(waiter.agent);
    }

    /**
     * Who the call record names as the call's agent once this supervisor has taken it over: the work number of the
     * agent their user is linked to, else the user name itself.
     */
    public String standsAs(String supervisor) {
        Optional<String> workNumber = store.agentOfUser(supervisor).map(AgentStore.AgentRow::workNumber);
        if (workNumber.isEmpty() && supervisor.length() > AGENT_COLUMN) {
            throw notNow("user names longer than " + AGENT_COLUMN + " characters cannot stand as a call's agent: "
                    + "link your user to an agent (PUT /api/routing/agents/{workNumber})");
        }
        return workNumber.orElse(supervisor);
    }

    /**
     * Takes the call over: the agent's leg is hung up, and the caller's session bridges the caller with the
     * supervisor's channel (already barging on the caller: {@link PbxActions#bargeOnCaller}).
     */
    public void intercept(String callId, String supervisor, String phone, String channelId, String channelName,
                          String reason) {
        Target target = interceptable(callId);
        Waiter waiter = waiterOf(callId);
        Waiter.Intercept intercept = new Waiter.Intercept(supervisor, standsAs(supervisor), phone, channelId,
                channelName, reason);
        arm(waiter, intercept);
        try {
            pbx.hangup(target.node(), target.agentChannel());
        } catch (PbxActionException e) {
            waiter.dropTakeover(intercept);
            throw e;
        }
        log.info("Call {}: supervisor {} takes over from agent {} ({})", callId, supervisor, target.agent(), reason);
    }

    /**
     * Ends the call: a waiting caller is released at once, a ringing or talking one once the agent's leg (hung up
     * here) has ended; the caller hears the apology first. Returns where the call was.
     */
    public Stage release(String callId, String supervisor, String reason) {
        Waiter waiter = waiterOf(callId);
        nothingInProgress(waiter);
        Stage stage = waiter.agent == null ? Stage.WAITING
                : waiter.agentAnsweredAt == null ? Stage.RINGING : Stage.TALKING;
        if (stage == Stage.TALKING && waiter.agentChannel == null) {
            throw notNow("the agent's channel is not known yet (it comes from AMI); try again");
        }
        arm(waiter, new Waiter.Release(supervisor, reason));
        String agentChannel = waiter.agentChannel; // read after arming: a leg dialled from now on is hung up by on()
        if (waiter.agent != null && agentChannel != null) {
            hangUpQuietly(waiter.call.node(), agentChannel);
        }
        log.info("Call {}: supervisor {} releases it while {} ({})", callId, supervisor, stage, reason);
        return stage;
    }

    /** An agent leg dialled while a release is armed is hung up as soon as AMI names its channel. */
    @EventListener
    void on(PbxEvent.DialBegan dial) {
        Waiter waiter = waiters.onChannel(dial.node(), dial.uniqueId());
        if (waiter != null && waiter.takeover() instanceof Waiter.Release) {
            hangUpQuietly(dial.node(), dial.destinationChannel());
        }
    }

    private void hangUpQuietly(String node, String channel) {
        try {
            pbx.hangup(node, channel);
        } catch (PbxActionException e) {
            log.debug("Hanging up {} for a release: {}", channel, e.getMessage());
        }
    }

    private Waiter waiterOf(String callId) {
        Waiter waiter = waiters.ofCall(callId);
        if (waiter == null) {
            throw notNow("call " + callId + " is not waiting for or talking with an agent on this instance ("
                    + engine.instance() + "): it is in the IVR or the survey, on another instance, or over");
        }
        return waiter;
    }

    private static void nothingInProgress(Waiter waiter) {
        if (waiter.transferring()) {
            throw notNow("a transfer of call " + waiter.call.callId() + " is in progress");
        }
        if (waiter.takeover() != null) {
            throw notNow("another supervisor action on call " + waiter.call.callId() + " is in progress");
        }
    }

    private static void arm(Waiter waiter, Waiter.Takeover takeover) {
        if (!waiter.takeOver(takeover)) {
            throw notNow("call " + waiter.call.callId() + " is ending, the agent is transferring it, or another "
                    + "supervisor action is in progress");
        }
    }

    private static ActionRefused notNow(String message) {
        return new ActionRefused(ActionRefused.Why.NOT_NOW, message);
    }
}
