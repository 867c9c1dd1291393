package org.hotline12333.desk;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.security.UserAccessChanged;
import org.hotline12333.web.EventSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open desk pages, each the stream of one agent's desk. Events for an agent go to that agent's pages only,
 * through each page's bounded queue (web.EventSubscriber): a stalled browser is told to resync and dropped, and costs
 * nobody else anything. A user whose access changes loses their streams at once.
 */
@Component
class DeskStream {

    private static final Logger log = LoggerFactory.getLogger(DeskStream.class);
    static final EventSubscriber.Event RESYNC = new EventSubscriber.Event("resync", Map.of("reason",
            "fell too far behind: load the desk again"));

    /** One page: whose desk it is. */
    record Page(String workNumber, EventSubscriber subscriber) {
    }

    private final List<Page> pages = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final DeskProperties properties;
    private final Clock clock;

    DeskStream(DeskProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** A new stream for this agent's desk, not receiving anything until it {@link #join}s. */
    Page open(String user, String workNumber) {
        if (pages.size() >= properties.maxSubscribers()) {
            throw new TooManyPages(properties.maxSubscribers());
        }
        return new Page(workNumber, new EventSubscriber("desk-" + workNumber + "-" + opened.incrementAndGet(), user,
                new SseEmitter(properties.streamTimeout().toMillis()), properties.subscriberQueue(), RESYNC,
                closed -> pages.removeIf(page -> page.subscriber() == closed)));
    }

    /** On the desk's worker thread: the page gets the snapshot first, then every event published after it. */
    void join(Page page, DeskViews.Snapshot snapshot) {
        if (page.subscriber().offer("snapshot", snapshot)) {
            pages.add(page);
            page.subscriber().start();
        }
    }

    boolean watched(String workNumber) {
        return pages.stream().anyMatch(page -> page.workNumber().equals(workNumber));
    }

    /** One event to every page of this agent's desk, without waiting for any. */
    void publish(String workNumber, String type, Object data) {
        for (Page page : pages) {
            if (page.workNumber().equals(workNumber) && !page.subscriber().offer(type, data)) {
                pages.remove(page);
                log.info("Desk stream {} fell {} events behind: told to resync", page.subscriber().name(),
                        properties.subscriberQueue());
            }
        }
    }

    @Scheduled(fixedDelayString = "${hotline.desk.heartbeat:15s}")
    void heartbeat() {
        Map<String, Object> beat = Map.of("at", clock.instant());
        for (Page page : pages) {
            if (!page.subscriber().offer("heartbeat", beat)) {
                pages.remove(page);
            }
        }
    }

    /** A user who was disabled, or got another role or password, loses the desk pages they had open. */
    @EventListener
    void accessChanged(UserAccessChanged change) {
        for (Page page : pages) {
            if (page.subscriber().user().equals(change.username())) {
                log.info("Desk stream {} closed: its user's access changed", page.subscriber().name());
                page.subscriber().close();
            }
        }
    }

    void closeAll() {
        pages.forEach(page -> page.subscriber().close());
        pages.clear();
    }

    int size() {
        return pages.size();
    }

    static class TooManyPages extends RuntimeException {
        TooManyPages(int max) {
            super("there are already " + max + " desk streams open (hotline.desk.max-subscribers)");
        }
    }
}
