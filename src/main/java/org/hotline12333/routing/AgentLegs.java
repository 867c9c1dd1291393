package org.hotline12333.routing;

import java.time.Instant;
import java.util.Set;
import org.hotline12333.call.CallRecords;
import org.hotline12333.telephony.DialStatus;
import org.hotline12333.telephony.PbxEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What AMI tells about waiting callers and their agent legs: a caller who hangs up while waiting wakes their
 * thread at once; the agent leg's channel (needed for transfers) and the moment the agent answers are recorded
 * as they happen, not only when the Dial is over.
 */
@Component
class AgentLegs {

    private final RoutingEngine engine;
    private final CallRecords records;
    private final Waiters waiters;

    AgentLegs(RoutingEngine engine, CallRecords records, Waiters waiters) {
        this.engine = engine;
        this.waiters = waiters;
        this.records = records;
    }

    @EventListener
    void on(PbxEvent.ChannelHungUp hungUp) {
        Waiter waiter = waiters.onChannel(hungUp.node(), hungUp.uniqueId());
        if (waiter != null) {
            waiter.gone("AMI");
        }
    }

    @EventListener
    void on(PbxEvent.DialBegan dial) {
        Waiter waiter = waiters.onChannel(dial.node(), dial.uniqueId());
        if (waiter != null && waiter.agent != null && waiter.agentChannel == null) {
            waiter.agentChannel = dial.destinationChannel();
            records.legChannel(waiter.legId, dial.destinationChannel());
        }
    }

    @EventListener
    void on(PbxEvent.DialEnded dial) {
        Waiter waiter = waiters.onChannel(dial.node(), dial.uniqueId());
        if (waiter != null && waiter.agent != null && dial.status() == DialStatus.ANSWER) {
            answered(waiter, dial.at());
        }
    }

    /**
     * The agent answered: the call record says who and since when, then the agent is ON_CALL. Once per leg. In that
     * order, so whoever sees the agent on the call (the desk, a transfer) finds the call record already theirs.
     */
    void answered(Waiter waiter, Instant at) {
        synchronized (waiter) {
            if (waiter.agentAnsweredAt != null) {
                return;
            }
            waiter.agentAnsweredAt = at;
        }
        records.legAnswered(waiter.legId, at);
        records.connected(waiter.call.callId(), waiter.agent, waiter.chosenBy.name(), waiter.reason, at);
        engine.change(waiter.agent, AgentStore.Transition.onCall(Set.of(AgentState.RESERVED), AgentState.ON_CALL,
                waiter.call.callId(), null));
    }
}
