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
import java.util.function.Consumer;
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
 * held from taking its entries to their commit, and whoever writes them next waits for it, never while holding a
 * database connection.
 */
@Component
class CallJournal {

    private static final Logger log = LoggerFactory.getLogger(CallJournal.class);

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate currentOrNew;
    private final ReentrantLock writing = new ReentrantLock();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "call-journal");
        thread.setDaemon(true);
        return thread;
    });

    CallJournal(PlatformTransactionManager transactions, CallJournalProperties properties) {
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.currentOrNew = new TransactionTemplate(transactions);
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
     * there is one. The call's lock is taken before the transaction starts: nobody waits for it holding a database
     * connection, which the one holding it may need.
     */
    <T> T writeWith(String callId, Supplier<T> last) {
        Pending call = pending.computeIfAbsent(callId, id -> new Pending());
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            boolean locked = acquire(call);
            try {
                call.takeAll().forEach(Runnable::run);
                return last.get();
            } finally {
                if (locked) {
                    call.lock.unlock();
                }
            }
        }
        call.lock.lock();
        try {
            return currentOrNew.execute(status -> {
                call.takeAll().forEach(Runnable::run);
                return last.get();
            });
        } finally {
            call.lock.unlock();
        }
    }

    /** Writes what is pending for this one call now (before reading it). */
    void write(String callId) {
        withPending(callId, this::write);
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
        withPending(callId, entries -> {
            keepIfRolledBack(callId, entries);
            entries.forEach(Runnable::run);
        });
    }

    /** Takes what is pending for the call, if anything, and hands it to {@code writer} while holding the call's lock. */
    private void withPending(String callId, Consumer<List<Runnable>> writer) {
        Pending call = pending.get(callId);
        if (call == null) {
            return;
        }
        boolean locked = acquire(call);
        try {
            List<Runnable> entries = call.takeAll();
            if (!entries.isEmpty()) {
                writer.accept(entries);
            }
        } finally {
            if (locked) {
                call.lock.unlock();
            }
        }
    }

    private void keepIfRolledBack(String callId, List<Runnable> entries) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    pending.compute(callId, (id, call) -> {
                        Pending kept = call != null ? call : new Pending();
                        kept.addFirst(entries);
                        return kept;
                    });
                }
            }
        });
    }

    /** Writes everything pending now, in one transaction: on the writer's beat, and before a read across calls. */
    void writeAll() {
        if (pending.isEmpty()) {
            return;
        }
        writing.lock();
        try {
            List<Pending> locked = new ArrayList<>();
            List<Runnable> batch = new ArrayList<>();
            try {
                for (Pending call : pending.values()) {
                    if (acquire(call)) {
                        locked.add(call);
                    }
                    batch.addAll(call.takeAll());
                }
                if (!batch.isEmpty()) {
                    write(batch);
                }
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

    @PreDestroy
    void stop() {
        writer.shutdown();
        writeAll();
    }

    private void writeAllLogged() {
        try {
            writeAll();
        } catch (RuntimeException e) {
            log.error("Could not write the calls' journal", e);
        }
    }

    /** One transaction for the batch; if it fails, each change in its own, so that one bad change loses no other. */
    private void write(List<Runnable> batch) {
        try {
            ownTransaction.executeWithoutResult(status -> batch.forEach(Runnable::run));
        } catch (RuntimeException batchFailed) {
            for (Runnable change : batch) {
                try {
                    ownTransaction.executeWithoutResult(status -> change.run());
                } catch (RuntimeException e) {
                    log.error("Could not write a change to a call record", e);
                }
            }
        }
    }

    /**
     * Takes the call's lock. A thread inside a transaction holds a database connection already, which the holder of
     * the lock may be waiting for: it waits a moment only, and then goes on without the lock (in order as far as this
     * thread can tell).
     */
    private static boolean acquire(Pending call) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            call.lock.lock();
            return true;
        }
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
