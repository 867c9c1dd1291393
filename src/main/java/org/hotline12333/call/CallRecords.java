package org.hotline12333.call;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hotline12333.cluster.InstanceLost;
import org.hotline12333.cluster.ThisInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens and closes the record of every call. Closing is idempotent: the first close wins, later ones are ignored,
 * so the hang-up seen twice (by the session and by the connection dying) records one end.
 */
@Service
public class CallRecords implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CallRecords.class);

    private final CallRepository calls;
    private final CallLegRepository legs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String instanceName;

    CallRecords(CallRepository calls, CallLegRepository legs, ApplicationEventPublisher events,
                TransactionTemplate transactions, ThisInstance instance, Clock clock) {
        this.calls = calls;
        this.legs = legs;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.instanceName = instance.name();
    }

    /** The name of this service instance, as written on the calls it handles. */
    public String instanceName() {
        return instanceName;
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
        publishAfterCommit(new CallEnded(callId, by, reason, now));
        return true;
    }

    /** Stores the caller's survey answer; the agent who took the call is credited through the call. */
    @Transactional
    public void recordSatisfaction(String callId, Satisfaction satisfaction) {
        calls.findById(callId).ifPresent(call -> call.rate(satisfaction));
        events.publishEvent(new SatisfactionRecorded(callId, satisfaction, clock.instant()));
    }

    /** The instance handling the call while it is open; empty once it has ended (or when there is no such call). */
    @Transactional(readOnly = true)
    public Optional<String> holder(String callId) {
        return calls.findById(callId).filter(Call::isOpen).map(Call::handledBy);
    }

    /** Which of these calls are still open, in one query. */
    @Transactional(readOnly = true)
    public Set<String> stillOpen(java.util.Collection<String> callIds) {
        return callIds.isEmpty() ? Set.of() : Set.copyOf(calls.openAmong(callIds));
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

    // ---- routing: what happened to the call between the IVR and the end of the conversation ----

    /** The caller was handed to routing for this skill group (counts as offered); only the first time counts. */
    @Transactional
    public void queued(String callId, String skillGroup, int priority, Map<String, String> callData, Instant at) {
        calls.queued(callId, skillGroup, priority, at, truncate(CallData.format(callData), 2000));
    }

    /** An agent answered: who, how they were chosen and why. After a transfer, the new agent replaces the old. */
    @Transactional
    public void connected(String callId, String agent, String chosenBy, String reason, Instant at) {
        calls.connected(callId, agent, chosenBy, truncate(reason, 255), at, CallOutcome.ANSWERED);
    }

    /**
     * The call is one the service made ({@code purpose}: CALLBACK, REPLY_CALLBACK, RETURN_VISIT): the party is the
     * citizen called, kept as the call's caller number so the call is found with the citizen's others.
     */
    @Transactional
    public void outbound(String callId, String purpose, String party) {
        calls.outbound(callId, purpose, party);
    }

    /** The conversation ended, or the wait did (abandoned, callback, not served). */
    @Transactional
    public void routingEnded(String callId, CallOutcome outcome, Instant at) {
        calls.routingEnded(callId, outcome, at);
    }

    /** The agent finished the call's wrap-up with a disposition code and a note. */
    @Transactional
    public void wrappedUp(String callId, String disposition, String note, Instant at) {
        calls.wrappedUp(callId, truncate(disposition, 64), truncate(note, 1000), at);
    }

    /** The agent who last talked with this caller since the given time (first-asker, 首问负责). */
    @Transactional(readOnly = true)
    public Optional<String> lastAgentFor(String callerNumber, Instant since) {
        if (callerNumber == null || callerNumber.isBlank()) {
            return Optional.empty();
        }
        return calls.lastAgents(callerNumber, since, PageRequest.of(0, 1)).stream().findFirst();
    }

    /** Earlier calls from the same number, newest first (the agent's screen-pop). */
    @Transactional(readOnly = true)
    public List<CallSummary> previousContacts(String callerNumber, String exceptCallId, int limit) {
        if (callerNumber == null || callerNumber.isBlank()) {
            return List.of();
        }
        return calls.previousContacts(callerNumber, exceptCallId, PageRequest.of(0, limit)).stream()
                .map(Call::summary).toList();
    }

    /** Calls an agent answered, newest first. */
    @Transactional(readOnly = true)
    public List<CallSummary> answeredBy(String agent, int limit) {
        return calls.findByAgentOrderByStartedAtDesc(agent, PageRequest.of(0, limit)).stream()
                .map(Call::summary).toList();
    }

    /**
     * Calls an agent answered from {@code from} (inclusive) to {@code to} (exclusive), oldest answer first, one page
     * at a time (page 0 first), so that a month of calls need not be held in memory at once.
     */
    @Transactional(readOnly = true)
    public List<CallSummary> answeredBetween(Instant from, Instant to, int page, int size) {
        return calls.answeredBetween(from, to, PageRequest.of(page, size)).stream().map(Call::summary).toList();
    }

    @Transactional
    public long legStarted(String callId, CallLegView.Kind kind, String party, String agent, Instant at) {
        return legs.save(new CallLeg(callId, kind, party, agent, at)).id();
    }

    @Transactional
    public void legChannel(long legId, String channel) {
        legs.findById(legId).ifPresent(leg -> leg.channel(channel));
    }

    @Transactional
    public void legAnswered(long legId, Instant at) {
        legs.findById(legId).ifPresent(leg -> leg.answered(at));
    }

    /** Ends a leg once; later calls for the same leg change nothing. */
    @Transactional
    public void legEnded(long legId, String outcome, Instant at) {
        legs.findById(legId).ifPresent(leg -> leg.ended(outcome, at));
    }

    @Transactional(readOnly = true)
    public List<CallLegView> legs(String callId) {
        return legs.findByCallIdOrderByStartedAtAscIdAsc(callId).stream().map(CallLeg::view).toList();
    }

    /** Listeners reading the call record when told it ended find it closed. */
    private void publishAfterCommit(Object event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(event);
                }
            });
        } else {
            events.publishEvent(event);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Closes calls this instance left open when it last stopped without a chance to close them. */
    @Override
    public void afterSingletonsInstantiated() {
        int closed = transactions.execute(status -> closeOpen(instanceName, clock.instant(), EndedBy.RESTART,
                "still open when the service restarted"));
        if (closed > 0) {
            log.warn("Closed {} call record(s) that instance '{}' left open when it last stopped", closed, instanceName);
        }
    }

    /**
     * Another instance's lease ran out: its calls are closed here (inside the claim's transaction), and listeners
     * hear of each end once it is committed (its recording is closed, its floor entry removed).
     */
    @EventListener
    void on(InstanceLost lost) {
        int closed = closeOpen(lost.instance(), lost.at(), EndedBy.INSTANCE_LOST,
                "instance " + lost.instance() + " stopped answering (last seen " + lost.lastHeartbeat()
                        + "); closed by " + lost.by());
        log.warn("Closed {} call record(s) that lost instance '{}' left open", closed, lost.instance());
    }

    private int closeOpen(String instance, Instant at, EndedBy by, String reason) {
        List<Call> open = calls.findByHandledByAndEndedAtIsNull(instance);
        for (Call call : open) {
            call.close(by, reason, at);
            publishAfterCommit(new CallEnded(call.id(), by, reason, at));
        }
        return open.size();
    }
}
