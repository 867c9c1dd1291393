package org.hotline12333.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A stream whose browser went away while its thread was writing: it ends quietly, told once. */
class EventSubscriberTest {

    private static final String SENDER = "stream-desk-test";

    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private Thread.UncaughtExceptionHandler before;

    @BeforeEach
    void watchUncaught() {
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (thread.getName().equals(SENDER)) {
                uncaught.add(e);
            } else if (before != null) {
                before.uncaughtException(thread, e); // other services' threads in this JVM are not this test's
            }
        });
    }

    @AfterEach
    void restore() {
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    @Test
    void aBrowserGoneWhileTheResponseIsRecycledEndsTheStreamWithoutAnErrorOnItsThread() {
        AtomicInteger closes = new AtomicInteger();
        EventSubscriber subscriber = new EventSubscriber("desk-test", "agent", new GoneBrowser(), 4,
                new EventSubscriber.Event("resync", "{}"), s -> closes.incrementAndGet());

        assertThat(subscriber.offer("offer", "{}")).isTrue();
        subscriber.start();

        await().until(() -> closes.get() == 1);
        assertThat(subscriber.offer("answer", "{}")).as("a closed stream takes nothing more").isFalse();
        await().until(() -> !senderAlive());
        assertThat(uncaught).isEmpty();
        assertThat(closes).hasValue(1);
    }

    private static boolean senderAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(SENDER));
    }

    /** Writing fails (the browser went), and completing finds the response Tomcat has already recycled. */
    private static final class GoneBrowser extends SseEmitter {
        @Override
        public void send(SseEventBuilder builder) throws IOException {
            throw new IOException("Broken pipe");
        }

        @Override
        public synchronized void complete() {
            throw new NullPointerException("Cannot invoke \"MimeHeaderField.getName()\" because \"this.headers[j]\""
                    + " is null");
        }
    }
}
