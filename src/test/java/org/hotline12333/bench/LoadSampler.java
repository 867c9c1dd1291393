package org.hotline12333.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples used heap and live threads while a benchmark runs, keeping the peaks. Used heap includes garbage not yet
 * collected; the heap left after each collection, as the collector reports it, is what the work really holds.
 */
final class LoadSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicLong heapPeak = new AtomicLong();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong afterGcPeak = new AtomicLong();
    private final NotificationListener afterGc = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                    (CompositeData) notification.getUserData());
            afterGcPeak.accumulateAndGet(info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed())
                    .sum(), Math::max);
        }
    };
    private final AtomicLong threadPeak = new AtomicLong();
    private final AtomicLong activePeak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    /** @param active what is in progress (e.g. AGI calls), whose peak is kept too */
    LoadSampler(DoubleSupplier active) {
        collectors().forEach(collector -> collector.addNotificationListener(afterGc, null, null));
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

    /** The most heap left after a garbage collection while sampling. */
    double afterGcPeakMb() {
        return afterGcPeak.get() / 1024.0 / 1024.0;
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
        collectors().forEach(collector -> {
            try {
                collector.removeNotificationListener(afterGc);
            } catch (ListenerNotFoundException e) {
                // never added: nothing to remove
            }
        });
    }

    private static List<NotificationEmitter> collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(NotificationEmitter.class::cast).toList();
    }
}
