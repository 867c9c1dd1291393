package org.hotline12333.routing;

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
 *       bridges the caller with the target inside the same Dial. The call record follows Asterisk's events
 *       ({@link AttendedTransfers}).</li>
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
    private final AttendedTransfers attendedTransfers;
    private final AgentClaims claims;
    private final Waiters waiters;

    Transfers(RoutingEngine engine, CallRecords records, PbxActions pbx, AgentStore store,
              AttendedTransfers attendedTransfers, AgentClaims claims, Waiters waiters) {
        this.engine = engine;
        this.claims = claims;
        this.waiters = waiters;
        this.records = records;
        this.pbx = pbx;
        this.store = store;
        this.attendedTransfers = attendedTransfers;
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
                : post != null ? engine.config().post(post).group() : waiter.request.skillGroup();
        Waiter.Transfer transfer = new Waiter.Transfer(fromAgent, target.agent(), group, post);
        if (!waiter.blindTransfer(transfer)) {
            throw takenOver();
        }
        try {
            pbx.hangup(waiter.call.node(), channel);
        } catch (RuntimeException e) {
            waiter.dropTransfer(transfer);
            throw e;
        }
    }

    /**
     * Claims the target agent and starts the consultation, returning once Asterisk shows it started (see
     * {@link AttendedTransfers}); returns the target's work number.
     */
    String attended(String fromAgent, Target target) {
        Waiter waiter = callOf(fromAgent);
        String channel = agentChannel(waiter);
        validate(target);
        if (waiter.attended != null) {
            throw new AgentDesk.NotNow("an attended transfer to " + waiter.attended.toAgent + " is already in progress");
        }
        String callId = waiter.call.callId();
        String to = claimTarget(target, callId).orElseThrow(() -> new AgentDesk.NotNow(
                "nobody is ready for that transfer now: " + describe(target)));
        AgentSnapshot targetAgent = engine.router().agent(to).orElseThrow();
        long leg = records.legStarted(callId, CallLegView.Kind.TRANSFER, targetAgent.endpoint(), to,
                engine.clock().instant());
        String context = engine.properties().internalContext();
        String extension = DialStrings.extension(engine.dialStrings().phone(targetAgent.endpoint()));
        attendedTransfers.start(waiter, new Consultation(fromAgent, to, leg, context, extension, channel), context,
                extension);
        return to;
    }

    /**
     * The first agent drops out; the caller stays with the target agent once Asterisk reports the transfer. Only once
     * the target has answered: before that Asterisk would make it a "blond" transfer, which calls the first agent back
     * if the target never answers.
     */
    void complete(String fromAgent) {
        Waiter waiter = callOf(fromAgent);
        Consultation consultation = consultation(waiter, fromAgent);
        if (!consultation.targetAnswered) {
            throw new AgentDesk.NotNow(consultation.toAgent + " has not answered yet: wait, or cancel the transfer");
        }
        attendedTransfers.complete(waiter, consultation);
    }

    /** The target is not taken after all: the agent gets the caller back and the target is released. */
    void cancel(String fromAgent) {
        Waiter waiter = callOf(fromAgent);
        attendedTransfers.cancel(waiter, consultation(waiter, fromAgent));
    }

    private static Consultation consultation(Waiter waiter, String fromAgent) {
        Consultation consultation = waiter.attended;
        if (consultation == null || !consultation.started.isDone()) {
            throw new AgentDesk.NotNow("no attended transfer in progress on agent " + fromAgent + "'s call");
        }
        return consultation;
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
            return engine.change(target.agent(), AgentStore.Transition.claim(callId, "attended transfer target"))
                    .map(c -> target.agent());
        }
        if (target.post() != null) {
            RoutingConfig.Post post = engine.config().post(target.post());
            for (String agent : new String[] {post.a(), post.b()}) {
                if (agent != null && engine.change(agent, AgentStore.Transition.claim(callId,
                        "attended transfer to post " + post.code())).isPresent()) {
                    return Optional.of(agent);
                }
            }
            return claims.claimFor(post.group(), callId, ChosenBy.TRANSFER);
        }
        return claims.claimFor(target.group(), callId, ChosenBy.TRANSFER);
    }

    private void validate(Target target) {
        int given = (target.agent() != null ? 1 : 0) + (target.post() != null ? 1 : 0) + (target.group() != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("give exactly one of agent, post or group");
        }
        if (target.agent() != null && store.agent(target.agent()).isEmpty()) {
            throw new IllegalArgumentException("no agent " + target.agent());
        }
        if (target.post() != null && !engine.config().hasPost(target.post())) {
            throw new IllegalArgumentException("no post " + target.post());
        }
        if (target.group() != null && !engine.config().hasGroup(target.group())) {
            throw new IllegalArgumentException("no skill group " + target.group());
        }
    }

    private Waiter callOf(String agent) {
        Waiter waiter = waiters.ofAgent(agent);
        if (waiter == null || waiter.agentAnsweredAt == null) {
            throw new AgentDesk.NotNow("agent " + agent + " has no call in progress on this instance ("
                    + engine.instance() + ")");
        }
        if (waiter.takeover() != null) {
            throw takenOver();
        }
        return waiter;
    }

    static AgentDesk.NotNow takenOver() {
        return new AgentDesk.NotNow("a supervisor is taking over or ending this call");
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
