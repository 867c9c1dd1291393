package org.hotline12333.web;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open server-sent-events stream (the supervisors' floor, an agent's desk): a bounded queue filled by whoever
 * publishes, without ever waiting, and emptied by this subscriber's own thread into its {@link SseEmitter}. When the
 * queue is full the subscriber is given up: what is queued is dropped, a {@code resync} event goes out (the page
 * loads its state again), and the stream ends. A slow or stalled browser costs only itself.
 */
public final class EventSubscriber {

    /** One event as sent: {@code type} is the SSE event name, {@code data} its JSON. */
    public record Event(String type, Object data) {
    }

    private final String name;
    private final String user;
    private final SseEmitter emitter;
    private final BlockingQueue<Event> queue;
    private final Event resync;
    private final Consumer<EventSubscriber> onClose;
    private volatile boolean overflowed;
    private volatile boolean closed;
    private volatile Thread sender;

    /**
     * @param resync  the event that tells the page it fell behind and must load everything again
     * @param onClose told once when the stream ends, however it ends
     */
    public EventSubscriber(String name, String user, SseEmitter emitter, int capacity, Event resync,
                           Consumer<EventSubscriber> onClose) {
        this.name = name;
        this.user = user;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.resync = resync;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public SseEmitter emitter() {
        return emitter;
    }

    /** Never blocks; false when the subscriber is closed or was just found too far behind (and told to resync). */
    public boolean offer(String type, Object data) {
        if (closed || overflowed) {
            return false;
        }
        if (queue.offer(new Event(type, data))) {
            return true;
        }
        resync();
        return false;
    }

    /** Drops what is queued; the browser is told to load everything again, and the stream ends. */
    public void resync() {
        overflowed = true;
        queue.clear();
        queue.offer(resync);
    }

    /** Starts the thread that writes to the browser; call it once the first event is queued. */
    public void start() {
        Thread thread = new Thread(this::send, "stream-" + name);
        thread.setDaemon(true);
        sender = thread;
        thread.start();
    }

    private void send() {
        try {
            while (!closed) {
                Event event = queue.take();
                emitter.send(SseEmitter.event().name(event.type()).data(event.data(), MediaType.APPLICATION_JSON));
                if (event == resync) {
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

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        try {
            emitter.complete();
        } catch (RuntimeException e) {
            // already completed; or the browser went and Tomcat recycled the response meanwhile, which a late
            // flush finds half cleared (a NullPointerException inside Tomcat, seen under load)
        }
        Thread thread = sender;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
        }
    }
}
