package org.hotline12333.call;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hotline12333.cluster.InstanceLost;
import org.hotline12333.cluster.ThisInstance;
import org.hotline12333.sql.RowIds;
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
 *
 * <p>The start, the end and a new leg are written at once; what happens in between (queued, connected, a leg's
 * channel, answer and end, the survey) goes through the {@link CallJournal}, off the caller's thread, and is written
 * at the latest with the call's end. A read of one call first writes what is pending for it, a read across calls
 * everything pending; reads of whether a call is open, and by whom, need nothing: the start and the end are written
 * at once.
 */
@Service
public class CallRecords implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CallRecords.class);

    private final CallRepository calls;
    private final CallLegRepository legs;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final CallJournal journal;
    private final CallUpdates updates;
    private final Clock clock;
    private final String instanceName;
    private final CallsHere here = new CallsHere();

    CallRecords(CallRepository calls, CallLegRepository legs, ApplicationEventPublisher events,
                TransactionTemplate transactions, CallJournal journal, CallUpdates updates, ThisInstance instance,
                Clock clock) {
        this.calls = calls;
        this.legs = legs;
        this.events = events;
        this.transactions = transactions;
        this.reads = new TransactionTemplate(transactions.getTransactionManager());
        reads.setReadOnly(true);
        this.journal = journal;
        this.updates = updates;
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
        String callId = RowIds.next();
        updates.opened(callId, newCall, instanceName, now);
        here.opened(callId, newCall.callerNumber());
        events.publishEvent(new CallStarted(callId, newCall.node(), newCall.uniqueId(), newCall.callerNumber(),
                newCall.dialledNumber(), newCall.script(), now));
        return callId;
    }

    /**
     * Closes the call if it is still open, with whatever of it was still pending in the same transaction; returns
     * whether this call closed it.
     */
    public boolean close(String callId, EndedBy by, String reason) {
        try {
            return journal.writeWith(callId, () -> closeNow(callId, by, reason));
        } finally {
            here.closed(callId);
        }
    }

    private boolean closeNow(String callId, EndedBy by, String reason) {
        Instant now = clock.instant();
        if (!updates.closed(callId, by, truncate(reason, 255), now)) {
            return false;
        }
        publishAfterCommit(new CallEnded(callId, by, reason, now));
        return true;
    }

    /** Stores the caller's survey answer; the agent who took the call is credited through the call. */
    public void recordSatisfaction(String callId, Satisfaction satisfaction) {
        journal.add(callId, () -> updates.rated(callId, satisfaction));
        events.publishEvent(new SatisfactionRecorded(callId, satisfaction, clock.instant()));
    }

    /** The instance handling the call while it is open; empty once it has ended (or when there is no such call). */
    public Optional<String> holder(String callId) {
        return reads.execute(status -> calls.findById(callId).filter(Call::isOpen).map(Call::handledBy));
    }

    /** Which of these calls are still open, in one query. */
    public Set<String> stillOpen(java.util.Collection<String> callIds) {
        return callIds.isEmpty() ? Set.of() : Set.copyOf(calls.openAmong(callIds));
    }

    /** Which of these calls the named instance handled and has ended, in one query. */
    public Set<String> endedOf(String instance, java.util.Collection<String> callIds) {
        return callIds.isEmpty() ? Set.of() : Set.copyOf(calls.endedAmong(callIds, instance));
    }

    public Optional<CallSummary> find(String callId) {
        journal.write(callId);
        return reads.execute(status -> calls.findById(callId).map(Call::summary));
    }

    /** The agent the call was put through to (the last one after transfers), once what is pending is written. */
    public Optional<String> agentOf(String callId) {
        journal.write(callId);
        return updates.agentOf(callId);
    }

    public List<CallSummary> startedBetween(Instant from, Instant to, int limit) {
        return read(() -> calls.findByStartedAtBetweenOrderByStartedAtDesc(from, to, PageRequest.of(0, limit))
                .stream().map(Call::summary).toList());
    }

    // ---- routing: what happened to the call between the IVR and the end of the conversation ----

    /** The caller was handed to routing for this skill group (counts as offered); only the first time counts. */
    public void queued(String callId, String skillGroup, int priority, Map<String, String> callData, Instant at) {
        String data = truncate(CallData.format(callData), 2000);
        journal.add(callId, () -> updates.queued(callId, skillGroup, priority, at, data));
    }

    /** An agent answered: who, how they were chosen and why. After a transfer, the new agent replaces the old. */
    public void connected(String callId, String agent, String chosenBy, String reason, Instant at) {
        here.connected(callId, agent, at);
        journal.add(callId, () -> updates.connected(callId, agent, chosenBy, truncate(reason, 255), at,
                CallOutcome.ANSWERED));
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
    public void routingEnded(String callId, CallOutcome outcome, Instant at) {
        journal.add(callId, () -> updates.routingEnded(callId, outcome, at));
    }

    /** The agent finished the call's wrap-up with a disposition code and a note. */
    @Transactional
    public void wrappedUp(String callId, String disposition, String note, Instant at) {
        calls.wrappedUp(callId, truncate(disposition, 64), truncate(note, 1000), at);
    }

    /**
     * The agent who last talked with this caller since the given time (first-asker, 首问负责). On every call's path, so
     * without writing what is pending: a call of theirs still in progress here is known without the database.
     */
    public Optional<String> lastAgentFor(String callerNumber, Instant since) {
        if (callerNumber == null || callerNumber.isBlank()) {
            return Optional.empty();
        }
        Optional<String> inProgress = here.agentConnected(callerNumber, since);
        return inProgress.isPresent() ? inProgress : updates.lastAgent(callerNumber, since);
    }

    /** Earlier calls from the same number, newest first (the agent's screen-pop). */
    public List<CallSummary> previousContacts(String callerNumber, String exceptCallId, int limit) {
        if (callerNumber == null || callerNumber.isBlank()) {
            return List.of();
        }
        return read(() -> calls.previousContacts(callerNumber, exceptCallId, PageRequest.of(0, limit)).stream()
                .map(Call::summary).toList());
    }

    /** Calls an agent answered, newest first. */
    public List<CallSummary> answeredBy(String agent, int limit) {
        return read(() -> calls.findByAgentOrderByStartedAtDesc(agent, PageRequest.of(0, limit)).stream()
                .map(Call::summary).toList());
    }

    /**
     * Calls an agent answered from {@code from} (inclusive) to {@code to} (exclusive), oldest answer first, one page
     * at a time (page 0 first), so that a month of calls need not be held in memory at once.
     */
    public List<CallSummary> answeredBetween(Instant from, Instant to, int page, int size) {
        return read(() -> calls.answeredBetween(from, to, PageRequest.of(page, size)).stream().map(Call::summary)
                .toList());
    }

    @Transactional
    public long legStarted(String callId, CallLegView.Kind kind, String party, String agent, Instant at) {
        long id = updates.legStarted(callId, kind, party, agent, at);
        here.legStarted(id, callId);
        return id;
    }

    public void legChannel(long legId, String channel) {
        journal.add(here.journalKey(legId), () -> updates.legChannel(legId, channel));
    }

    public void legAnswered(long legId, Instant at) {
        journal.add(here.journalKey(legId), () -> updates.legAnswered(legId, at));
    }

    /** Ends a leg once; later calls for the same leg change nothing. */
    public void legEnded(long legId, String outcome, Instant at) {
        journal.add(here.journalKey(legId), () -> updates.legEnded(legId, outcome, at));
    }

    /**
     * Writes what is pending for this call, inside the current transaction if there is one: called by whoever stores
     * something that points at the call (an agent's state naming it), so that a reader on any instance who sees that
     * finds the call's record at least as new.
     */
    public void writePending(String callId) {
        if (callId != null) {
            journal.writeWithin(callId);
        }
    }

    /** Writes what is pending for every call: before a read of the calls' table that does not go through here. */
    public void writePending() {
        journal.writeAll();
    }

    public List<CallLegView> legs(String callId) {
        journal.write(callId);
        return reads.execute(status -> legs.findByCallIdOrderByStartedAtAscIdAsc(callId).stream().map(CallLeg::view)
                .toList());
    }

    /** Writes what is pending for every call, then reads in a transaction of its own. */
    private <T> T read(java.util.function.Supplier<T> query) {
        journal.writeAll();
        return reads.execute(status -> query.get());
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
        int closed = 0;
        for (Call call : calls.findByHandledByAndEndedAtIsNull(instance)) {
            if (updates.closed(call.id(), by, truncate(reason, 255), at)) {
                publishAfterCommit(new CallEnded(call.id(), by, reason, at));
                closed++;
            }
        }
        return closed;
    }
}
