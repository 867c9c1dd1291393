package org.hotline12333.supervision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hotline12333.cluster.ClusterMessages;
import org.hotline12333.cluster.ThisInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every instance's floor shows every instance's calls. Each instance tells the others, through PostgreSQL's
 * LISTEN/NOTIFY ({@link ClusterMessages}), how its own calls change (a call's stage, its end) and its monitoring
 * sessions; the others show them as they are told. An instance starting, or coming back after its listening
 * connection broke, asks the others for their calls ("hello"), and each answers with all of its own. A call whose
 * end was never heard of is dropped at the next re-read, when the database says it has ended ({@link FloorWorker}).
 * Agents, groups, figures and alerts need none of this: every instance reads them from the database.
 *
 * <p>Changes leave on a thread of their own, several to a notification, so the floor's thread never waits for the
 * database. If that queue is ever full a change is dropped and the others are asked to say "hello" again later.
 */
@Component
class FloorShare implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FloorShare.class);
    static final String TOPIC = "floor";

    private final ClusterMessages messages;
    private final Floor floor;
    private final JsonMapper json;
    private final String me;
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(10_000);
    private volatile Thread sender;
    private volatile boolean running;

    FloorShare(ClusterMessages messages, Floor floor, JsonMapper json, ThisInstance me) {
        this.messages = messages;
        this.floor = floor;
        this.json = json;
        this.me = me.name();
        if (messages.shared()) {
            floor.share(this::send);
            messages.subscribe(TOPIC, this::received);
            messages.onReconnect(this::hello);
        }
    }

    /** On the floor's thread: queues one of this instance's changes for the others. */
    private void send(FloorChange change) {
        if (!outbox.offer(json.writeValueAsString(Map.of("from", me, "type", change.type(), "data", change.data())))) {
            log.warn("The other instances' floors fell behind this one's changes: dropping one");
        }
    }

    private void hello() {
        outbox.offer(json.writeValueAsString(Map.of("from", me, "type", "hello")));
    }

    /** On the listener's thread: hands each change to the floor's thread. */
    void received(String body) {
        for (JsonNode change : json.readTree(body)) {
            String from = change.path("from").asString();
            JsonNode data = change.path("data");
            switch (change.path("type").asString()) {
                case "call" -> {
                    FloorCall call = json.treeToValue(data, FloorCall.class);
                    floor.submit(model -> model.remoteCall(from, call));
                }
                case "call-ended" -> {
                    String callId = data.path("callId").asString();
                    floor.submit(model -> model.remoteCallEnded(callId, floor.now()));
                }
                case "monitor" -> {
                    MonitorView session = json.treeToValue(data, MonitorView.class);
                    floor.submit(model -> model.monitoring(session, false));
                }
                case "hello" -> floor.submit(model -> model.ownCalls().forEach(
                        call -> send(new FloorChange.Call(call))));
                default -> log.debug("Ignored a floor message of type '{}'", change.path("type").asString());
            }
        }
    }

    /** Sends what is queued, as many changes to a notification as fit. */
    private void sendLoop() {
        List<String> batch = new ArrayList<>();
        while (running) {
            try {
                String first = outbox.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = bytes(first) + 2;
                String next;
                while ((next = outbox.peek()) != null && size + bytes(next) + 1 <= ClusterMessages.MAX_BODY) {
                    batch.add(outbox.poll());
                    size += bytes(next) + 1;
                }
                messages.publish(TOPIC, "[" + String.join(",", batch) + "]");
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Could not send the floor's changes to the other instances: {}", e.getMessage());
                batch.clear();
            }
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public void start() {
        running = true;
        if (!messages.shared()) {
            return;
        }
        Thread thread = new Thread(this::sendLoop, "supervision-share");
        thread.setDaemon(true);
        sender = thread;
        thread.start();
        hello();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = sender;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
