package org.hotline12333.telephony.agi;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.fastagi.internal.AgiConnectionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run calls: one per call, up to {@code maxCalls}. When all are busy, a small overflow pool still
 * answers callers (with the busy message, see {@link OverflowThread}); only when that is full too is the connection
 * closed, which Asterisk's dialplan treats as the service being unreachable.
 *
 * <p>asterisk-java's own pool (10 core / 500 max on a SynchronousQueue) rejects the 501st concurrent call and then
 * just closes its socket; this replaces it. Capacity is counted in slots, one per call, given back the moment the
 * call's session returns: a pool bounded by its threads would turn a caller away while a finished call's thread is
 * still on its way back to the pool, which a busy machine stretches to any length.
 */
final class CallPool {

    private static final Logger log = LoggerFactory.getLogger(CallPool.class);
    private static final Duration IDLE_THREAD_LIFETIME = Duration.ofSeconds(60);
    private static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);

    private final int maxCalls;
    private final Semaphore callSlots;
    private final Semaphore overflowSlots;
    private final ThreadPoolExecutor calls;
    private final ThreadPoolExecutor overflow = pool(threads("agi-overflow-", true));
    private final Set<AgiConnectionHandler> running = ConcurrentHashMap.newKeySet();
    private final AtomicLong overflowed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ThrottledWarning overflowWarning = new ThrottledWarning(REFUSAL_LOG_INTERVAL);
    private final ThrottledWarning refusalWarning = new ThrottledWarning(REFUSAL_LOG_INTERVAL);

    /** @param virtualThreads calls on virtual threads where the JVM has them (Java 21+), else on platform threads */
    CallPool(int maxCalls, int overflowCalls, boolean virtualThreads) {
        ThreadFactory virtual = virtualThreads ? VirtualThreads.factory("agi-call-").orElse(null) : null;
        if (virtualThreads && virtual == null) {
            log.warn("hotline.agi.virtual-threads is on, but Java {} has no virtual threads: calls run on platform "
                    + "threads", Runtime.version().feature());
        }
        this.calls = pool(virtual != null ? virtual : threads("agi-call-", false));
        this.maxCalls = maxCalls;
        this.callSlots = new Semaphore(maxCalls);
        this.overflowSlots = new Semaphore(overflowCalls);
    }

    /** Threads as many as the slots need: an idle one is reused, or a new one started. */
    private static ThreadPoolExecutor pool(ThreadFactory threads) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_LIFETIME.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads);
    }

    void run(AgiConnectionHandler session) {
        if (runIn(calls, callSlots, session)) {
            return;
        }
        overflowed.incrementAndGet();
        if (runIn(overflow, overflowSlots, session)) {
            overflowWarning.warn(log, "All {} call threads are busy: answering new callers with the busy "
                    + "message and handing them to the dialplan's fallback ({} so far)", maxCalls, overflowed.get());
            return;
        }
        refused.incrementAndGet();
        // logged before the connection closes, so whoever sees it closed finds the reason already in the log
        refusalWarning.warn(log, "Call and overflow threads all busy: closed the AGI connection so "
                + "Asterisk falls back on its own ({} refused so far)", refused.get());
        session.release();
    }

    private boolean runIn(ThreadPoolExecutor pool, Semaphore slots, AgiConnectionHandler session) {
        if (!slots.tryAcquire()) {
            return false;
        }
        // the slot is given back before the call leaves the running ones: when none runs, every slot is free
        running.add(session);
        try {
            pool.execute(() -> {
                try {
                    session.run();
                } finally {
                    slots.release();
                    running.remove(session);
                }
            });
            return true;
        } catch (RejectedExecutionException shutDown) {
            slots.release();
            running.remove(session);
            return false;
        }
    }

    int active() {
        return running.size();
    }

    int maxCalls() {
        return maxCalls;
    }

    long overflowed() {
        return overflowed.get();
    }

    long refused() {
        return refused.get();
    }

    boolean isShutdown() {
        return calls.isShutdown();
    }

    /** Lets calls in progress finish within the grace period, then disconnects those still going. */
    void shutdown(Duration grace) {
        calls.shutdown();
        overflow.shutdown();
        if (awaitBoth(grace)) {
            return;
        }
        log.warn("{} call(s) still in progress after the {} s shutdown grace: disconnecting them, Asterisk's "
                + "dialplan takes them over", running.size(), grace.toSeconds());
        running.forEach(AgiConnectionHandler::release);
        awaitBoth(Duration.ofSeconds(5));
    }

    private boolean awaitBoth(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return calls.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    && overflow.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ThreadFactory threads(String prefix, boolean overflow) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = overflow ? new OverflowThread(task, prefix + count.incrementAndGet())
                    : new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A warning logged at most once per interval, so a flood of callers does not flood the log. */
    private static final class ThrottledWarning {
        private final long intervalNanos;
        private final AtomicLong last = new AtomicLong();

        ThrottledWarning(Duration interval) {
            this.intervalNanos = interval.toNanos();
        }

        void warn(Logger log, String message, Object... args) {
            long now = System.nanoTime();
            long previous = last.get();
            if ((previous == 0 || now - previous >= intervalNanos) && last.compareAndSet(previous, now)) {
                log.warn(message, args);
            }
        }
    }

    /**
     * Marks the threads that take calls beyond capacity. asterisk-java picks the script for a connection on the
     * thread that runs it, so the thread is the one place that knows the call is an overflow call.
     */
    static final class OverflowThread extends Thread {
        OverflowThread(Runnable task, String name) {
            super(task, name);
        }

        static boolean current() {
            return Thread.currentThread() instanceof OverflowThread;
        }
    }
}
