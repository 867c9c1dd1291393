package org.hotline12333.speech;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Bounds how many recognizers work at once to the cores ({@code hotline.speech.threads}), shared by transcription
 * and the IVR's keyword recognition. A caller waiting in the IVR goes first: transcription takes a turn per slice of
 * audio, and whenever a keyword request is waiting, the next free turn is its.
 */
@Component
class RecognizerPool {

    private final int size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private int free;
    private int interactiveWaiting;
    private int batchWaiting;
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
            return interactiveWaiting + batchWaiting;
        } finally {
            lock.unlock();
        }
    }

    /** Background work (transcription): waits while all turns are taken or a keyword request is waiting. */
    <T> T batch(Supplier<T> work) throws InterruptedException {
        lock.lock();
        try {
            batchWaiting++;
            try {
                while (free == 0 || interactiveWaiting > 0) {
                    freed.await();
                }
            } finally {
                batchWaiting--;
            }
            take();
        } finally {
            lock.unlock();
        }
        return run(work);
    }

    /** Work someone is waiting for (a caller in the IVR): goes before any waiting background work. */
    <T> T interactive(Supplier<T> work) throws InterruptedException {
        lock.lock();
        try {
            interactiveWaiting++;
            try {
                while (free == 0) {
                    freed.await();
                }
            } finally {
                interactiveWaiting--;
                freed.signalAll();
            }
            take();
        } finally {
            lock.unlock();
        }
        return run(work);
    }

    private void take() {
        free--;
        busiest = Math.max(busiest, size - free);
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
