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

    AgentLegs(RoutingEngine engine, CallRecords records) {
        this.engine = engine;
        this.records = records;
    }

    @EventListener
    void on(PbxEvent.ChannelHungUp hungUp) {
        Waiter waiter = engine.waiterOnChannel(hungUp.node(), hungUp.uniqueId());
        if (waiter != null) {
            waiter.gone("AMI");
        }
    }

    @EventListener
    void on(PbxEvent.DialBegan dial) {
        Waiter waiter = engine.waiterOnChannel(dial.node(), dial.uniqueId());
        if (waiter != null && waiter.agent != null && waiter.agentChannel == null) {
            waiter.agentChannel = dial.destinationChannel();
            records.legChannel(waiter.legId, dial.destinationChannel());
        }
    }

    @EventListener
    void on(PbxEvent.DialEnded dial) {
        Waiter waiter = engine.waiterOnChannel(dial.node(), dial.uniqueId());
        if (waiter != null && waiter.agent != null && dial.status() == DialStatus.ANSWER) {
            answered(waiter, dial.at());
        }
    }

    /** The agent answered: ON_CALL, and the call record says who and since when. Once per leg. */
    void answered(Waiter waiter, Instant at) {
        synchronized (waiter) {
            if (waiter.agentAnsweredAt != null) {
                return;
            }
            waiter.agentAnsweredAt = at;
        }
        engine.change(waiter.agent, new AgentStore.Transition(Set.of(AgentState.RESERVED), AgentState.ON_CALL, null,
                waiter.call.callId(), null, false));
        records.legAnswered(waiter.legId, at);
        records.connected(waiter.call.callId(), waiter.agent, waiter.chosenBy.name(), waiter.reason, at);
    }
}
