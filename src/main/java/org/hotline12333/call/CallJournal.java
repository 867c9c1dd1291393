package org.hotline12333.call;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What happens to a call between its start and its end (queued, connected, legs answered and ended, the survey),
 * written off the caller's thread: kept here per call and written every {@code hotline.calls.journal-interval} in one
 * transaction for all calls, or with the call's end in the transaction that closes it, whichever comes first.
 *
 * <p>The start and the end of a call are written at once, so a crash loses none: a call the service never closed is
 * closed by its restart or by the instance taking it over. What a crash loses is only what happened to the calls in
 * progress during the last interval. One call's entries are written in the order they happened: a call's lock is
 * held from taking its entries to their commit. The lock is taken only inside a transaction, that is with a database
 * connection in hand, so its holder never waits for a connection: under a burst, when every connection of the pool is
 * in use, a holder waiting for one would keep the threads that hold them waiting for its lock.
 */
@Component
class CallJournal {

    private static final Logger log = LoggerFactory.getLogger(CallJournal.class);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final TransactionTemplate ownTransaction;
    private final ReentrantLock writing = new ReentrantLock();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "call-journal");
        thread.setDaemon(true);
        return thread;
    });

    CallJournal(PlatformTransactionManager transactions, CallJournalProperties properties) {
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        long interval = properties.journalInterval().toMillis();
        writer.scheduleWithFixedDelay(this::writeAllLogged, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Keeps a change of this call for the next batch; inside a transaction already (an administrator's or a
     * supervisor's action), it is written there, after whatever of the call is still pending.
     */
    void add(String callId, Runnable change) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            writeWith(callId, () -> {
                change.run();
                return null;
            });
            return;
        }
        // atomic with the removal of a call with nothing pending (below), so no change is added to one removed
        pending.compute(callId, (id, call) -> {
            Pending kept = call != null ? call : new Pending();
            kept.add(change);
            return kept;
        });
    }

    /**
     * Writes the call's pending changes and then {@code last} (the call's end) in one transaction, the current one if
     * there is one.
     */
    <T> T writeWith(String callId, Supplier<T> last) {
        Pending call = pending.computeIfAbsent(callId, id -> new Pending());
        Supplier<T> pendingThenLast = () -> {
            call.takeAll().forEach(Runnable::run);
            return last.get();
        };
        return TransactionSynchronizationManager.isActualTransactionActive() ? holding(call, pendingThenLast)
                : inOwnTransaction(call, pendingThenLast);
    }

    /**
     * Writes what is pending for this one call now (before reading it). When another thread is writing the call's
     * changes, this waits for their commit.
     */
    void write(String callId) {
        Pending call = pending.get(callId);
        // in this order: changes taken by a writer are held under the call's lock until they are committed
        if (call == null || (call.isEmpty() && !call.lock.isLocked())) {
            return;
        }
        List<Runnable> taken = new ArrayList<>();
        try {
            inOwnTransaction(call, () -> {
                taken.addAll(call.takeAll());
                taken.forEach(Runnable::run);
                return null;
            });
        } catch (RuntimeException e) {
            keep(callId, taken);
            log.warn("Could not write the pending changes of call {}; they are kept for the journal's next batch",
                    callId, e);
        }
    }

    /**
     * Writes what is pending for this call in the transaction in progress, one storing something that refers to the
     * call (an agent offered it or talking on it): whoever reads that change finds the call's record as new. Should
     * that transaction roll back, the changes are kept for the next batch. Without a transaction, as {@link #write}.
     */
    void writeWithin(String callId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            write(callId);
            return;
        }
        Pending call = pending.get(callId);
        if (call == null) {
            return;
        }
        holding(call, () -> {
            List<Runnable> entries = call.takeAll();
            keepIfRolledBack(callId, entries);
            entries.forEach(Runnable::run);
            return null;
        });
    }

    private void keepIfRolledBack(String callId, List<Runnable> entries) {
        if (entries.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    keep(callId, entries);
                }
            }
        });
    }

    /** Puts changes that were taken but not written back in front of any made since. */
    private void keep(String callId, List<Runnable> entries) {
        if (entries.isEmpty()) {
            return;
        }
        pending.compute(callId, (id, call) -> {
            Pending kept = call != null ? call : new Pending();
            kept.addFirst(entries);
            return kept;
        });
    }

    /**
     * Writes everything pending now, in one transaction: on the writer's beat, and before a read across calls. A call
     * whose lock another thread holds is being written by it, or is next: it is left for the next batch, so a read
     * across calls may miss the one commit in progress at that instant. Waiting for them here, as a read of one call
     * does ({@link #write}), would hold every call already locked meanwhile; measured once, with the floor's figures
     * reading across calls every 2 s, it gave the AGI benchmark's slowest burst of the day.
     */
    void writeAll() {
        if (pending.values().stream().allMatch(Pending::isEmpty)) {
            return;
        }
        writing.lock();
        try {
            List<Pending> locked = new ArrayList<>();
            List<Runnable> batch = new ArrayList<>();
            try {
                ownTransaction.executeWithoutResult(status -> {
                    for (Pending call : pending.values()) {
                        if (call.lock.tryLock()) {
                            locked.add(call);
                            batch.addAll(call.takeAll());
                        }
                    }
                    batch.forEach(Runnable::run);
                });
            } catch (RuntimeException batchFailed) {
                writeOneByOne(batch);
            } finally {
                locked.forEach(call -> call.lock.unlock());
            }
            // a call whose lock is held is being written (its end): it stays, and so whoever writes it next waits
            pending.keySet().forEach(id -> pending.computeIfPresent(id,
                    (key, call) -> call.isEmpty() && !call.lock.isLocked() ? null : call));
        } finally {
            writing.unlock();
        }
    }

    /** Lets a batch being written finish, then writes what is left, before the database closes. */
    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("The calls' journal was still writing a batch after 30 s; writing what is left beside it");
        }
        writeAll();
    }

    private void writeAllLogged() {
        try {
            writeAll();
        } catch (RuntimeException e) {
            log.error("Could not write the calls' journal", e);
        }
    }

    /** A batch failed: each change in its own transaction, so that one bad change loses no other. */
    private void writeOneByOne(List<Runnable> batch) {
        for (Runnable change : batch) {
            try {
                ownTransaction.executeWithoutResult(status -> change.run());
            } catch (RuntimeException e) {
                log.error("Could not write a change to a call record", e);
            }
        }
    }

    /** In a transaction of its own, holding the call's lock from inside it (a connection in hand) to its commit. */
    private <T> T inOwnTransaction(Pending call, Supplier<T> work) {
        boolean[] locked = new boolean[1];
        try {
            return ownTransaction.execute(status -> {
                locked[0] = acquire(call);
                return work.get();
            });
        } finally {
            if (locked[0]) {
                call.lock.unlock();
            }
        }
    }

    /** In the transaction in progress, holding the call's lock (if it can be had) for {@code work}. */
    private <T> T holding(Pending call, Supplier<T> work) {
        boolean locked = acquire(call);
        try {
            return work.get();
        } finally {
            if (locked) {
                call.lock.unlock();
            }
        }
    }

    /**
     * Takes the call's lock, inside a transaction. Its holder has a connection and is writing, so the wait is short;
     * should it last (a holder stuck in a listener of the call's end), the thread goes on without the lock after a
     * second, in order as far as it can tell, rather than keep its own connection from the others.
     */
    private static boolean acquire(Pending call) {
        try {
            return call.lock.tryLock(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A call's changes not yet written, and the lock held while they are being written. */
    private static final class Pending {
        final List<Runnable> entries = new ArrayList<>();
        final ReentrantLock lock = new ReentrantLock();

        void add(Runnable change) {
            synchronized (entries) {
                entries.add(change);
            }
        }

        /** Changes taken for a transaction that did not commit: before any made since. */
        void addFirst(List<Runnable> changes) {
            synchronized (entries) {
                entries.addAll(0, changes);
            }
        }

        boolean isEmpty() {
            synchronized (entries) {
                return entries.isEmpty();
            }
        }

        List<Runnable> takeAll() {
            synchronized (entries) {
                List<Runnable> taken = new ArrayList<>(entries);
                entries.clear();
                return taken;
            }
        }
    }
}
