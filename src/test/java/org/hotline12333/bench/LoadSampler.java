package org.hotline12333.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/** Samples used heap and live threads while a benchmark runs, keeping the peaks. */
final class LoadSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicLong heapPeak = new AtomicLong();
    private final AtomicLong threadPeak = new AtomicLong();
    private final AtomicLong activePeak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    /** @param active what is in progress (e.g. AGI calls), whose peak is kept too */
    LoadSampler(DoubleSupplier active) {
        sampler = new Thread(() -> {
            while (running) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                threadPeak.accumulateAndGet(threads.getThreadCount(), Math::max);
                activePeak.accumulateAndGet((long) active.getAsDouble(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    double heapPeakMb() {
        return heapPeak.get() / 1024.0 / 1024.0;
    }

    long threadPeak() {
        return threadPeak.get();
    }

    long activePeak() {
        return activePeak.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
