package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline12333.web.EventSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A browser that stops reading never holds up the floor: changes go to its bounded queue without waiting; when the
 * queue is full it is dropped with a {@code resync} (load the floor again), and the others go on receiving.
 */
class SlowSubscriberTest {

    /** An emitter whose browser reads nothing until told to. */
    static final class StalledEmitter extends SseEmitter {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch stalled = new CountDownLatch(1);
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder event) throws IOException {
            stalled.countDown();
            try {
                reading.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            String text = event.build().stream().map(part -> String.valueOf(part.getData())).reduce("", String::concat);
            sent.add(text.substring(text.indexOf("event:") + 6, text.indexOf('\n', text.indexOf("event:"))));
        }

        @Override
        public synchronized void complete() {
            completed = true;
        }
    }

    /** An emitter whose browser reads everything at once. */
    static final class ReadingEmitter extends SseEmitter {
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void send(SseEventBuilder event) {
            String text = event.build().stream().map(part -> String.valueOf(part.getData())).reduce("", String::concat);
            sent.add(text.substring(text.indexOf("event:") + 6, text.indexOf('\n', text.indexOf("event:"))));
        }
    }

    private static void awaitSent(ReadingEmitter emitter, int count) {
        await().until(() -> emitter.sent.size() >= count);
    }

    @Test
    @Timeout(60) // publishing must never wait for a browser: if it did, this would hang
    void aStalledBrowserIsToldToResyncAndDroppedWhileTheOthersGoOn() throws Exception {
        SupervisionProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("hotline.supervision.subscriber-queue", "8")))
                .bindOrCreate("hotline.supervision", Bindable.of(SupervisionProperties.class));
        FloorStream stream = new FloorStream(properties);
        StalledEmitter stalled = new StalledEmitter();
        ReadingEmitter reading = new ReadingEmitter();
        EventSubscriber slow = stream.open("slow", stalled);
        EventSubscriber fast = stream.open("fast", reading);
        FloorSnapshot empty = new FloorSnapshot(null, List.of(), List.of(), List.of(), null, List.of(), List.of(),
                List.of(), null, null, List.of(), List.of());
        stream.join(slow, empty);
        stream.join(fast, empty);
        assertThat(stalled.stalled.await(10, TimeUnit.SECONDS)).isTrue(); // the snapshot is stuck in the browser

        for (int i = 0; i < 50; i++) {
            stream.publish(new FloorChange.CallEnded("call-" + i));
            awaitSent(reading, i + 2); // the reading browser keeps up; the stalled one's queue fills
        }

        assertThat(stream.size()).isEqualTo(1);
        stalled.reading.countDown();
        await().until(() -> stalled.completed);
        assertThat(stalled.sent).containsExactly("snapshot", "resync");
        assertThat(stalled.completed).isTrue();
        assertThat(reading.sent).hasSize(51).startsWith("snapshot").endsWith("call-ended");
    }
}
