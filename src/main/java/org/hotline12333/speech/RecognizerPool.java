package org.hotline12333.speech;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Bounds how many recognizers work at once to the cores ({@code hotline.speech.threads}), shared by the IVR's keyword
 * recognition, the live watch of calls in progress and transcription. Work takes a turn per slice of audio; whenever
 * work of a higher priority is waiting, the next free turn is its: a caller waiting in the IVR first, then a call
 * being watched live, then the transcription backlog.
 */
@Component
class RecognizerPool {

    /** Who goes first for a free recognizer. */
    enum Priority {
        /** A caller in the IVR is waiting for the answer. */
        KEYWORDS,
        /** A call in progress: a forbidden phrase should reach the floor while the call is still on. */
        LIVE,
        /** Recordings of finished calls. */
        BATCH
    }

    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final int[] waiting = new int[Priority.values().length];
    private int free;
    private int busiest;

    @Autowired
    RecognizerPool(SpeechProperties properties) {
        this(properties.effectiveThreads());
    }

    RecognizerPool(int size) {
        this.size = size;
        this.free = size;
    }

    int size() {
        return size;
    }

    /** The most recognizers that have worked at once. */
    int busiest() {
        lock.lock();
        try {
            return busiest;
        } finally {
            lock.unlock();
        }
    }

    /** How many are waiting for a recognizer. */
    int waiting() {
        lock.lock();
        try {
            int all = 0;
            for (int count : waiting) {
                all += count;
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Background work (transcription): waits while all turns are taken or anything else is waiting. */
    <T> T batch(Supplier<T> work) throws InterruptedException {
        return turn(Priority.BATCH, work);
    }

    /** A call in progress being watched: after keyword requests, before transcription. */
    <T> T live(Supplier<T> work) throws InterruptedException {
        return turn(Priority.LIVE, work);
    }

    /** Work someone is waiting for (a caller in the IVR): goes before anything else waiting. */
    <T> T interactive(Supplier<T> work) throws InterruptedException {
        return turn(Priority.KEYWORDS, work);
    }

    private <T> T turn(Priority priority, Supplier<T> work) throws InterruptedException {
        lock.lock();
        try {
            waiting[priority.ordinal()]++;
            try {
                while (free == 0 || ahead(priority)) {
                    freed.await();
                }
            } finally {
                waiting[priority.ordinal()]--;
                freed.signalAll();
            }
            free--;
            busiest = Math.max(busiest, size - free);
        } finally {
            lock.unlock();
        }
        return run(work);
    }

    /** Whether work of a higher priority is waiting. */
    private boolean ahead(Priority priority) {
        for (int higher = 0; higher < priority.ordinal(); higher++) {
            if (waiting[higher] > 0) {
                return true;
            }
        }
        return false;
    }

    private <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } finally {
            lock.lock();
            try {
                free++;
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
