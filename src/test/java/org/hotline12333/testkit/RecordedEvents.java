package org.hotline12333.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.context.event.EventListener;

/** Every application event of the service's own types, in the order published, for assertions. */
public class RecordedEvents {

    private final List<Object> events = Collections.synchronizedList(new ArrayList<>());

    @EventListener
    void on(Object event) {
        if (event.getClass().getName().startsWith("org.hotline12333.")) {
            events.add(event);
        }
    }

    public <T> List<T> ofType(Class<T> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    public <T> List<T> ofType(Class<T> type, Predicate<? super T> matching) {
        return ofType(type).stream().filter(matching).toList();
    }

    /** Waits until an event of this type matching the condition has been published, and returns it. */
    public <T> T await(Class<T> type, Predicate<? super T> matching) {
        return await(type, matching, WaitDefaults.TIMEOUT);
    }

    /** The same, for work known to take long (a real speech model on a busy machine). */
    public <T> T await(Class<T> type, Predicate<? super T> matching, Duration atMost) {
        return Awaitility.await().atMost(atMost).alias("a " + type.getSimpleName() + " as expected")
                .until(() -> ofType(type, matching), found -> !found.isEmpty()).get(0);
    }
}
