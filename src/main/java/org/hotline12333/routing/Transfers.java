package org.hotline12333.routing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallRecords;
import org.hotline12333.telephony.PbxActions;
import org.springframework.stereotype.Service;

/**
 * Transfers and three-way calls, started by the agent on the call.
 *
 * <ul>
 *   <li>Blind: the agent's leg is hung up (AMI Hangup); the caller's Dial ends, and the caller's own thread routes
 *       them to the target agent, post or group, at the head of the queue, with music on hold meanwhile. The
 *       recording on the caller's channel goes on throughout.</li>
 *   <li>Attended: a target agent is claimed and Asterisk's attended transfer starts on the agent's channel (AMI
 *       Atxfer): the caller is held while the agents talk; {@link #complete} hangs up the first agent, and Asterisk
 *       bridges the caller with the target inside the same Dial.</li>
 *   <li>Three-way (三方通话): the third party (an extension, or an outside number through the outbound context) is
 *       rung by AMI Originate and, on answering, joins the conversation by ChanSpy in barge mode on the caller's
 *       channel: they hear both sides and both hear them.</li>
 * </ul>
 * Every leg is kept on the call.
 */
@Service
class Transfers {

    private final RoutingEngine engine;
    private final CallRecords records;
    private final PbxActions pbx;
    private final AgentStore store;

    Transfers(RoutingEngine engine, CallRecords records, PbxActions pbx, AgentStore store) {
        this.engine = engine;
        this.records = records;
        this.pbx = pbx;
        this.store = store;
    }

    /** Where a transfer goes: exactly one of an agent, a post or a skill group. */
    record Target(String agent, String post, String group) {
    }

    void blind(String fromAgent, Target target) {
        Waiter waiter = callOf(fromAgent);
        String channel = agentChannel(waiter);
        validate(target);
        String post = target.post();
        String group = target.group() != null ? target.group()
                : post != null ? engine.post(post).group() : waiter.request.skillGroup();
        waiter.transfer = new Waiter.Transfer(fromAgent, target.agent(), group, post);
        pbx.hangup(waiter.call.node(), channel);
    }

    /** Claims the target agent and starts the consultation; returns the target's work number. */
    String attended(String fromAgent, Target target) {
        Waiter waiter = callOf(fromAgent);
        String channel = agentChannel(waiter);
        validate(target);
        String callId = waiter.call.callId();
        String to = claimTarget(target, callId).orElseThrow(() -> new AgentDesk.NotNow(
                "nobody is ready for that transfer now: " + describe(target)));
        Router.AgentSnapshot targetAgent = engine.agent(to).orElseThrow();
        long leg = records.legStarted(callId, CallLegView.Kind.TRANSFER, targetAgent.endpoint(), to,
                engine.clock().instant());
        waiter.attended = new Waiter.Attended(fromAgent, to, leg);
        try {
            pbx.attendedTransfer(waiter.call.node(), channel, engine.properties().internalContext(),
                    DialStrings.extension(engine.dialStrings().phone(targetAgent.endpoint())));
        } catch (RuntimeException e) {
            waiter.attended = null;
            records.legEnded(leg, "FAILED", engine.clock().instant());
            engine.release(to, "attended transfer could not start");
            throw e;
        }
        return to;
    }

    /** The first agent drops out; the caller stays with the target agent. */
    void complete(String fromAgent) {
        Waiter waiter = callOf(fromAgent);
        Waiter.Attended attended = waiter.attended;
        if (attended == null) {
            throw new AgentDesk.NotNow("no attended transfer in progress on agent " + fromAgent + "'s call");
        }
        pbx.hangup(waiter.call.node(), agentChannel(waiter));
        var now = engine.clock().instant();
        records.legEnded(waiter.legId, "TRANSFERRED", now);
        engine.change(fromAgent, new AgentStore.Transition(EnumSet.of(AgentState.ON_CALL), AgentState.WRAP_UP, null,
                waiter.call.callId(), "attended transfer to " + attended.to(), false));
        Router.GroupConfig group = engine.group(waiter.request.skillGroup());
        engine.wrapUpUntil(fromAgent, now.plus(group == null ? java.time.Duration.ZERO : group.wrapUp()));
        synchronized (waiter) {
            waiter.agent = attended.to();
            waiter.legId = attended.leg();
            waiter.agentChannel = null;
            waiter.chosenBy = ChosenBy.TRANSFER;
            waiter.reason = "attended transfer from " + fromAgent;
            waiter.attended = null;
        }
        engine.change(attended.to(), new AgentStore.Transition(EnumSet.of(AgentState.RESERVED), AgentState.ON_CALL,
                null, waiter.call.callId(), "attended transfer from " + fromAgent, false));
        records.legAnswered(attended.leg(), now);
        records.connected(waiter.call.callId(), attended.to(), ChosenBy.TRANSFER.name(), waiter.reason, now);
    }

    /** The target is not taken after all: released; the agent takes the caller back on the phone. */
    void cancel(String fromAgent) {
        Waiter waiter = callOf(fromAgent);
        Waiter.Attended attended = waiter.attended;
        if (attended == null) {
            throw new AgentDesk.NotNow("no attended transfer in progress on agent " + fromAgent + "'s call");
        }
        waiter.attended = null;
        records.legEnded(attended.leg(), "CANCELLED", engine.clock().instant());
        engine.release(attended.to(), "attended transfer cancelled");
    }

    /** Rings a department's staff member (an extension or an outside number) into the conversation. */
    long threeWay(String agent, String extension, String number) {
        String local = engine.dialStrings().threeWayParty(extension, number, engine.properties());
        Waiter waiter = callOf(agent);
        String party = extension != null ? extension : number;
        long leg = records.legStarted(waiter.call.callId(), CallLegView.Kind.THREE_WAY, party, null,
                engine.clock().instant());
        pbx.originateToApplication(waiter.call.node(), local, "ChanSpy",
                waiter.call.channel() + ",qEB", engine.properties().callbackCallerId(),
                engine.properties().callbackRingTimeout(),
                Map.of("HOTLINE_ROLE", "three-way", "HOTLINE_CALL", waiter.call.callId(),
                        "HOTLINE_OUTBOUND_CALLERID", engine.properties().callbackCallerId()));
        return leg;
    }

    private Optional<String> claimTarget(Target target, String callId) {
        if (target.agent() != null) {
            return engine.change(target.agent(), new AgentStore.Transition(EnumSet.of(AgentState.READY),
                    AgentState.RESERVED, null, callId, "attended transfer target", true)).map(c -> target.agent());
        }
        if (target.post() != null) {
            Router.PostConfig post = engine.post(target.post());
            for (String agent : new String[] {post.a(), post.b()}) {
                if (agent != null && engine.change(agent, new AgentStore.Transition(EnumSet.of(AgentState.READY),
                        AgentState.RESERVED, null, callId, "attended transfer to post " + post.code(), true)).isPresent()) {
                    return Optional.of(agent);
                }
            }
            return engine.claimFor(post.group(), callId, ChosenBy.TRANSFER);
        }
        return engine.claimFor(target.group(), callId, ChosenBy.TRANSFER);
    }

    private void validate(Target target) {
        int given = (target.agent() != null ? 1 : 0) + (target.post() != null ? 1 : 0) + (target.group() != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of agent, post or group");
        }
        if (target.agent() != null && store.agent(target.agent()).isEmpty()) {
            throw new IllegalArgumentException("no agent " + target.agent());
        }
        if (target.post() != null && engine.post(target.post()) == null) {
            throw new IllegalArgumentException("no post " + target.post());
        }
        if (target.group() != null && !engine.hasGroup(target.group())) {
            throw new IllegalArgumentException("no skill group " + target.group());
        }
    }

    private Waiter callOf(String agent) {
        Waiter waiter = engine.waiterOfAgent(agent);
        if (waiter == null || waiter.agentAnsweredAt == null) {
            throw new AgentDesk.NotNow("agent " + agent + " has no call in progress on this instance ("
                    + engine.instance() + ")");
        }
        return waiter;
    }

    private static String agentChannel(Waiter waiter) {
        String channel = waiter.agentChannel;
        if (channel == null) {
            throw new AgentDesk.NotNow("the agent's channel is not known yet (it comes from AMI); try again");
        }
        return channel;
    }

    private static String describe(Target target) {
        return target.agent() != null ? "agent " + target.agent()
                : target.post() != null ? "post " + target.post() : "group " + target.group();
    }
}
