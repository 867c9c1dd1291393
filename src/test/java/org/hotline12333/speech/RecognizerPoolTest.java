package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.hotline12333.testkit.WaitDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The recognizers are bounded; a caller waiting in the IVR goes first, then calls watched live, then transcription. */
class RecognizerPoolTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void neverMoreRecognizersAtOnceThanThePoolHolds() throws Exception {
        RecognizerPool pool = new RecognizerPool(2);
        AtomicInteger working = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // each piece of work waits inside the pool for a partner: two run together, never a third with them
        CyclicBarrier pairs = new CyclicBarrier(2);
        List<Future<?>> work = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            work.add(threads.submit(() -> pool.batch(() -> {
                most.accumulateAndGet(working.incrementAndGet(), Math::max);
                meet(pairs);
                return working.decrementAndGet();
            })));
        }
        for (Future<?> each : work) {
            each.get(10, TimeUnit.SECONDS);
        }

        assertThat(most.get()).isEqualTo(2);
        assertThat(pool.busiest()).isEqualTo(2);
    }

    @Test
    void theNextFreeRecognizerGoesToACallerInTheIvrThenToACallWatchedLiveThenToTranscription() throws Exception {
        RecognizerPool pool = new RecognizerPool(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Future<?> first = threads.submit(() -> pool.batch(() -> {
            holding.countDown();
            await(letGo);
            return order.add("transcription slice 1");
        }));
        holding.await();
        Future<?> waitingBatch = threads.submit(() -> pool.batch(() -> order.add("transcription slice 2")));
        awaitWaiting(pool, waitingBatch);
        Future<?> live = threads.submit(() -> pool.live(() -> order.add("live call")));
        awaitWaiting(pool, waitingBatch, live);
        Future<?> keyword = threads.submit(() -> pool.interactive(() -> order.add("keyword")));
        awaitWaiting(pool, waitingBatch, live, keyword);

        letGo.countDown();
        for (Future<?> each : List.of(first, waitingBatch, live, keyword)) {
            each.get(10, TimeUnit.SECONDS);
        }

        assertThat(order).containsExactly("transcription slice 1", "keyword", "live call", "transcription slice 2");
    }

    /** Both have reached the pool and wait (neither can run while the only recognizer is held). */
    private static void awaitWaiting(RecognizerPool pool, Future<?>... waiting) {
        Awaitility.await().until(() -> pool.waiting() == waiting.length);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void meet(CyclicBarrier partner) {
        try {
            partner.await(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("no partner inside the pool", e);
        }
    }
}
