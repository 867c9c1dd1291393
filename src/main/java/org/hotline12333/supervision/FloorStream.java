package org.hotline12333.supervision;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.security.UserAccessChanged;
import org.hotline12333.web.EventSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The subscribers of the floor's event stream. The floor's thread hands every change to each subscriber's bounded
 * queue and goes on; each subscriber has a thread of its own writing to its browser. A subscriber whose queue is full
 * is sent {@code resync} (load the floor again) and dropped: a slow or stalled browser costs only itself.
 */
@Component
class FloorStream {

    private static final Logger log = LoggerFactory.getLogger(FloorStream.class);

    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final SupervisionProperties properties;

    FloorStream(SupervisionProperties properties) {
        this.properties = properties;
    }

    /**
     * A new subscriber: its stream starts with the snapshot the floor's thread gives it, then every change after it.
     * Throws when there are already as many subscribers as allowed.
     */
    EventSubscriber open(String user) {
        return open(user, new SseEmitter(properties.streamTimeout().toMillis()));
    }

    EventSubscriber open(String user, SseEmitter emitter) {
        if (subscribers.size() >= properties.maxSubscribers()) {
            throw new TooManySubscribers(properties.maxSubscribers());
        }
        return new EventSubscriber("floor-" + user + "-" + opened.incrementAndGet(), user, emitter,
                properties.subscriberQueue(), new EventSubscriber.Event(FloorChange.RESYNC.type(),
                FloorChange.RESYNC.data()), this::closed);
    }

    /** On the floor's thread: the subscriber gets the snapshot first, then every change published after it. */
    void join(EventSubscriber subscriber, FloorSnapshot snapshot) {
        FloorChange first = new FloorChange.Snapshot(snapshot);
        if (subscriber.offer(first.type(), first.data())) {
            subscribers.add(subscriber);
            subscriber.start();
        }
    }

    /** On the floor's thread: one change to every subscriber, without waiting for any. */
    void publish(FloorChange change) {
        for (EventSubscriber subscriber : subscribers) {
            if (!subscriber.offer(change.type(), change.data())) {
                subscribers.remove(subscriber);
                log.info("Floor stream {} fell {} changes behind: told to resync", subscriber.name(),
                        properties.subscriberQueue());
            }
        }
    }

    void heartbeat(Instant now) {
        publish(new FloorChange.Heartbeat(now, subscribers.size()));
    }

    /** Every subscriber loads the floor again (after the floor itself may have missed events). */
    void resyncAll() {
        for (EventSubscriber subscriber : subscribers) {
            subscribers.remove(subscriber);
            subscriber.resync();
        }
    }

    int size() {
        return subscribers.size();
    }

    /** A user who was disabled, or got another role or password, loses the streams they had open. */
    @EventListener
    void accessChanged(UserAccessChanged change) {
        for (EventSubscriber subscriber : subscribers) {
            if (subscriber.user().equals(change.username())) {
                log.info("Floor stream {} closed: its user's access changed", subscriber.name());
                subscriber.close();
            }
        }
    }

    void closeAll() {
        subscribers.forEach(EventSubscriber::close);
        subscribers.clear();
    }

    private void closed(EventSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    static class TooManySubscribers extends RuntimeException {
        TooManySubscribers(int max) {
            super("there are already " + max + " floor streams open (hotline.supervision.max-subscribers)");
        }
    }
}
