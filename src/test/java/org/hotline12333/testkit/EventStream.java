package org.hotline12333.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A server-sent-events client, as a browser's EventSource reads the stream: every event kept, in order. */
public final class EventStream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Event(String type, JsonNode data, long receivedNanos) {
    }

    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;
    private volatile boolean ended;

    private EventStream(int port, String path, String username, String password) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            status = r.statusCode();
            Thread reader = new Thread(() -> read(r.body()), "test-event-stream");
            reader.setDaemon(true);
            reader.start();
        });
    }

    public static EventStream open(int port, String path, String username, String password) {
        return new EventStream(port, path, username, password);
    }

    public int status() {
        await(() -> status != 0, "a response");
        return status;
    }

    private void read(Stream<String> lines) {
        String[] type = {"message"};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(type[0], JSON.readTree(data.toString()), System.nanoTime()));
                    }
                    type[0] = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    type[0] = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            });
        } catch (RuntimeException e) {
            // the stream was closed
        }
        ended = true;
    }

    /** Waits until the server ends the stream. */
    public void awaitEnd() {
        await(() -> ended, "the end of the stream");
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Waits for an event of this type matching the condition; returns it. */
    public Event await(String type, Predicate<JsonNode> matching) {
        return await(type, matching, WaitDefaults.TIMEOUT);
    }

    public Event await(String type, Predicate<JsonNode> matching, Duration timeout) {
        Event[] found = new Event[1];
        await(timeout, () -> {
            found[0] = events().stream().filter(e -> e.type().equals(type) && matching.test(e.data())).findFirst()
                    .orElse(null);
            return found[0] != null;
        }, "a '" + type + "' event as expected");
        return found[0];
    }

    /** The events of this type about one call ({@code callId}), in order. */
    public List<Event> about(String callId) {
        return events().stream().filter(e -> callId.equals(e.data().path("callId").asString(null))).toList();
    }

    private void await(java.util.function.BooleanSupplier condition, String what) {
        await(WaitDefaults.TIMEOUT, condition, what);
    }

    private void await(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
        try {
            Awaitility.await().atMost(timeout).alias(what).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; events so far: "
                    + events().stream().map(event -> event.type() + " " + event.data()).toList(), e);
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
