package org.hotline12333.supervision;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotline12333.privacy.Mask;
import org.hotline12333.routing.RoutingStatus;
import org.hotline12333.telephony.LiveChannel;
import org.hotline12333.telephony.LiveChannels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The floor's own thread: everything that changes the {@link FloorModel} is a task in one bounded inbox, run in
 * order on this thread, and every change goes from here to the stream's subscribers. Whoever reports an event (an AGI
 * session, the AMI reader, routing's timers) only puts a task in the inbox and goes on: the floor never slows a call.
 * If the inbox is ever full, the event is dropped, and the floor checks its calls against the database and tells every
 * page to load it again.
 */
@Component
class Floor {

    private static final Logger log = LoggerFactory.getLogger(Floor.class);

    private final BlockingQueue<Consumer<FloorModel>> inbox;
    private final FloorModel model;
    private final FloorStream stream;
    private final RoutingStatus routing;
    private final LiveChannels channels;
    private final Clock clock;
    private final long tickMillis;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running;

    Floor(SupervisionProperties properties, FloorStream stream, RoutingStatus routing, LiveChannels channels,
          Clock clock) {
        this.inbox = new ArrayBlockingQueue<>(properties.inboxCapacity());
        this.stream = stream;
        this.routing = routing;
        this.channels = channels;
        this.clock = clock;
        this.tickMillis = Math.max(10, properties.tick().toMillis());
        this.model = new FloorModel(properties.pbxGrace(), new FloorSnapshot.Settings(
                properties.serviceLevelThreshold().toSeconds(), properties.connectionRateTarget(),
                properties.longWait().toSeconds(), properties.longCall().toSeconds(), properties.showFullNumbers()),
                properties.showFullNumbers() ? number -> number : Mask::phone);
        this.model.onChange(stream::publish);
    }

    Instant now() {
        return clock.instant();
    }

    /** Hands a change to the floor's thread; never blocks. False when the floor is too far behind to take it. */
    boolean submit(Consumer<FloorModel> task) {
        if (inbox.offer(task)) {
            return true;
        }
        if (overflowed.compareAndSet(false, true)) {
            log.error("The supervisors' floor is {} events behind; dropping events until it catches up, then it "
                    + "checks its calls and tells every page to load the floor again", inbox.size());
        }
        return false;
    }

    /** Reads something from the floor, in order after everything submitted before. */
    <T> T read(Function<FloorModel, T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        if (!running) {
            throw new IllegalStateException("the floor is not running");
        }
        if (!inbox.offer(model -> answer.complete(query.apply(model)))) {
            throw new IllegalStateException("the floor is too busy to answer now");
        }
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the floor", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the floor did not answer", e);
        }
    }

    FloorSnapshot snapshot() {
        return read(model -> model.snapshot(now()));
    }

    /** Whether events were dropped since the last call; the worker then checks the floor's calls. */
    boolean takeOverflow() {
        return overflowed.getAndSet(false);
    }

    private void run() {
        long nextTick = System.nanoTime();
        while (running) {
            try {
                long wait = Math.max(0, nextTick - System.nanoTime());
                Consumer<FloorModel> task = inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (task != null) {
                    task.accept(model);
                }
                if (System.nanoTime() - nextTick >= 0) {
                    nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tickMillis);
                    tick();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("A change to the supervisors' floor failed; the floor goes on", e);
            }
        }
    }

    private void tick() {
        List<RoutingStatus.WaitingCaller> waiting = routing.waiting();
        List<LiveChannel> live = channels.all();
        model.tick(now(), waiting, live);
    }

    /** Started and stopped by {@link FloorWorker}, the floor's lifecycle. */
    void start() {
        running = true;
        thread = new Thread(this::run, "supervision-floor");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        stream.closeAll();
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }
}
