package org.hotline12333.routing;

import java.time.Instant;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.privacy.Mask;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link CallRouting} for the IVR: records the call as offered to its skill group, finds the first-asker agent,
 * and runs the caller's time in the queue ({@link QueueCall}) on the AGI session's own thread.
 */
@Service
class CallRoutingService implements CallRouting {

    private static final Logger log = LoggerFactory.getLogger(CallRoutingService.class);

    private final RoutingEngine engine;
    private final CallRecords records;
    private final Callbacks callbacks;
    private final AgentLegs legs;
    private final AttendedTransfers attendedTransfers;
    private final Takeovers takeovers;

    CallRoutingService(RoutingEngine engine, CallRecords records, Callbacks callbacks, AgentLegs legs,
                       AttendedTransfers attendedTransfers, Takeovers takeovers) {
        this.engine = engine;
        this.records = records;
        this.callbacks = callbacks;
        this.legs = legs;
        this.attendedTransfers = attendedTransfers;
        this.takeovers = takeovers;
    }

    @Override
    public RoutingResult connect(CallChannel call, RouteRequest request) {
        CallInfo info = call.info();
        Instant now = engine.clock().instant();
        Instant asked = request.askedAt() != null && request.askedAt().isBefore(now) ? request.askedAt() : now;
        records.queued(info.callId(), request.skillGroup(), request.priority(), request.callData(), asked);
        if (!engine.config().hasGroup(request.skillGroup())) {
            log.error("Call {} asked for skill group '{}', which is not configured: not served", info.callId(),
                    request.skillGroup());
            return notServed(info, now);
        }
        if (!engine.router().anyoneFor(request.skillGroup(), request.post())) {
            log.warn("Call {} for '{}': no agent logged in for the group or its overflow: not served", info.callId(),
                    request.skillGroup());
            return notServed(info, now);
        }
        String firstAsker = records.lastAgentFor(info.callerNumber(),
                now.minus(engine.properties().firstAskerWithin())).orElse(null);
        log.debug("Call {} from {} queued for {} (post {}, priority {}, first-asker {})", info.callId(),
                Mask.phone(info.callerNumber()), request.skillGroup(), request.post(), request.priority(), firstAsker);
        Waiter waiter = engine.enqueue(info, request, firstAsker, asked, null);
        return new QueueCall(call, waiter, engine, records, callbacks, legs, attendedTransfers, takeovers).run();
    }

    private RoutingResult notServed(CallInfo info, Instant now) {
        records.routingEnded(info.callId(), CallOutcome.NOT_SERVED, now);
        return new RoutingResult(RoutingResult.Outcome.NOT_SERVED, null, false);
    }

    @Override
    public boolean requestCallback(String callId, String number, String skillGroup) {
        if (!engine.dialStrings().isOutsideNumber(number)) {
            return false;
        }
        callbacks.request(new Callbacks.Request(callId, number, skillGroup, 0, null, null, null));
        return true;
    }

    @Override
    public boolean requestCallback(String callId, String number, String skillGroup, String agent, Instant agentUntil,
                                   String reference) {
        if (!engine.dialStrings().isOutsideNumber(number)) {
            return false;
        }
        callbacks.request(new Callbacks.Request(callId, number, skillGroup, 0, agent, agentUntil, reference));
        return true;
    }

    @Override
    public boolean skillGroupExists(String skillGroup) {
        return engine.config().hasGroup(skillGroup);
    }

    @Override
    public boolean postExists(String post) {
        return engine.config().hasPost(post);
    }
}
