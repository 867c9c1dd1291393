package org.hotline12333.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A second manager session, as the recorded traces were taken: it logs in to an AMI server (plain secret), keeps
 * every event in the order received, and can send actions. For checking what an AMI stand-in sends.
 */
public final class AmiRecorder implements AutoCloseable {

    private final Socket socket;
    private final List<Map<String, String>> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, String>> responses = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();

    private AmiRecorder(Socket socket) {
        this.socket = socket;
        Thread reader = new Thread(this::read, "ami-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    public static AmiRecorder login(int port, String username, String secret) {
        try {
            AmiRecorder recorder = new AmiRecorder(new Socket("127.0.0.1", port));
            recorder.send(Map.of("Action", "Login", "Username", username, "Secret", secret));
            return recorder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events received so far, in order. */
    public List<Map<String, String>> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Sends an action and waits for its response: every event sent before that response has been read too. */
    public Map<String, String> send(Map<String, String> action) {
        String id = "r" + ids.incrementAndGet();
        StringBuilder text = new StringBuilder();
        action.forEach((key, value) -> text.append(key).append(": ").append(value).append("\r\n"));
        text.append("ActionID: ").append(id).append("\r\n\r\n");
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> response(id), r -> r != null);
    }

    private Map<String, String> response(String id) {
        synchronized (responses) {
            return responses.stream().filter(r -> id.equals(r.get("ActionID"))).findFirst().orElse(null);
        }
    }

    private void read() {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> message = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(": ");
                    if (colon > 0) {
                        message.put(line.substring(0, colon), line.substring(colon + 2));
                    } else if (line.endsWith(":")) {
                        message.put(line.substring(0, line.length() - 1), "");
                    }
                    continue;
                }
                if (message.containsKey("Event")) {
                    events.add(message);
                } else if (message.containsKey("Response")) {
                    responses.add(message);
                }
                message = new LinkedHashMap<>();
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
