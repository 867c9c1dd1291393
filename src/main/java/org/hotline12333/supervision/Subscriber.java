package org.hotline12333.supervision;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open event stream: a bounded queue filled by the floor's thread and emptied by this subscriber's own thread
 * into its {@link SseEmitter}. When the queue is full the subscriber is given up: what is queued is dropped, a
 * {@code resync} event goes out, and the stream ends (the page loads the floor again).
 */
final class Subscriber {

    private final String name;
    private final String user;
    private final SseEmitter emitter;
    private final BlockingQueue<FloorChange> queue;
    private final Consumer<Subscriber> onClose;
    private volatile boolean overflowed;
    private volatile boolean closed;
    private volatile Thread sender;

    Subscriber(String name, String user, SseEmitter emitter, int capacity, Consumer<Subscriber> onClose) {
        this.name = name;
        this.user = user;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    String name() {
        return name;
    }

    String user() {
        return user;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Never blocks; false when the subscriber is closed or was just found too far behind (and told to resync). */
    boolean offer(FloorChange change) {
        if (closed || overflowed) {
            return false;
        }
        if (queue.offer(change)) {
            return true;
        }
        resync();
        return false;
    }

    /** Drops what is queued; the browser is told to load the floor again, and the stream ends. */
    void resync() {
        overflowed = true;
        queue.clear();
        queue.offer(FloorChange.RESYNC);
    }

    void start() {
        Thread thread = new Thread(this::send, "supervision-stream-" + name);
        thread.setDaemon(true);
        sender = thread;
        thread.start();
    }

    private void send() {
        try {
            while (!closed) {
                FloorChange change = queue.take();
                emitter.send(SseEmitter.event().name(change.type()).data(change.data(), MediaType.APPLICATION_JSON));
                if (change == FloorChange.RESYNC) {
                    emitter.complete();
                    close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // the browser went away, or the stream was completed meanwhile
            close();
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        try {
            emitter.complete();
        } catch (IllegalStateException e) {
            // already completed
        }
        Thread thread = sender;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }
}
