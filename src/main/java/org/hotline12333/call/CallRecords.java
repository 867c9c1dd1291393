package org.hotline12333.call;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens and closes the record of every call. Closing is idempotent: the first close wins, later ones are ignored,
 * so the hang-up seen twice (by the session and by the connection dying) records one end.
 */
@Service
public class CallRecords implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CallRecords.class);

    private final CallRepository calls;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String instanceName;

    CallRecords(CallRepository calls, ApplicationEventPublisher events, TransactionTemplate transactions,
                CallProperties properties, Optional<Clock> clock) {
        this.calls = calls;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock.orElse(Clock.systemUTC());
        this.instanceName = properties.instanceName() == null || properties.instanceName().isBlank()
                ? hostName() : properties.instanceName();
    }

    @Transactional
    public String open(NewCall newCall) {
        Instant now = clock.instant();
        Call call = calls.save(new Call(UUID.randomUUID().toString(), newCall, instanceName, now));
        events.publishEvent(new CallStarted(call.id(), newCall.node(), newCall.uniqueId(), newCall.callerNumber(),
                newCall.dialledNumber(), newCall.script(), now));
        return call.id();
    }

    /** Closes the call if it is still open; returns whether this call closed it. */
    @Transactional
    public boolean close(String callId, EndedBy by, String reason) {
        Call call = calls.findById(callId).orElse(null);
        if (call == null || !call.isOpen()) {
            return false;
        }
        Instant now = clock.instant();
        call.close(by, reason, now);
        events.publishEvent(new CallEnded(callId, by, reason, now));
        return true;
    }

    /** Stores the caller's survey answer; the agent who took the call is credited through the call. */
    @Transactional
    public void recordSatisfaction(String callId, Satisfaction satisfaction) {
        calls.findById(callId).ifPresent(call -> call.rate(satisfaction));
        events.publishEvent(new SatisfactionRecorded(callId, satisfaction, clock.instant()));
    }

    @Transactional(readOnly = true)
    public Optional<CallSummary> find(String callId) {
        return calls.findById(callId).map(Call::summary);
    }

    @Transactional(readOnly = true)
    public List<CallSummary> startedBetween(Instant from, Instant to, int limit) {
        return calls.findByStartedAtBetweenOrderByStartedAtDesc(from, to, PageRequest.of(0, limit)).stream()
                .map(Call::summary).toList();
    }

    /** Closes calls this instance left open when it last stopped without a chance to close them. */
    @Override
    public void afterSingletonsInstantiated() {
        int closed = transactions.execute(status -> {
            List<Call> open = calls.findByHandledByAndEndedAtIsNull(instanceName);
            Instant now = clock.instant();
            for (Call call : open) {
                call.close(EndedBy.RESTART, "still open when the service restarted", now);
                events.publishEvent(new CallEnded(call.id(), EndedBy.RESTART, "still open when the service restarted", now));
            }
            return open.size();
        });
        if (closed > 0) {
            log.warn("Closed {} call record(s) that instance '{}' left open when it last stopped", closed, instanceName);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hotline";
        }
    }
}
