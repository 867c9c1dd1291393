package org.hotline12333.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the service's side of a recorded FastAGI session against a stand-in call: it accepts the stand-in's
 * connection like the service's FastAGI server, reads the headers, and sends each command the service sent in the
 * trace, in order, reading Asterisk's (the stand-in's) reply to each. What the caller did between commands (hang
 * up, press a key Asterisk drops) is done at the same point. The stand-in's transcript can then be held against the
 * trace.
 */
public final class TraceReplay {

    private static final Pattern ENDPOS = Pattern.compile("endpos=\\d+");

    private final List<AsteriskTraces.AgiLine> trace;
    private final Map<Integer, Consumer<AgiStandIn.SimulatedCall>> afterReply = new HashMap<>();
    private final Map<Integer, Consumer<AgiStandIn.SimulatedCall>> whileRunning = new HashMap<>();

    private TraceReplay(List<AsteriskTraces.AgiLine> trace) {
        this.trace = trace;
    }

    public static TraceReplay of(String file) {
        return new TraceReplay(AsteriskTraces.agi(file));
    }

    public List<AsteriskTraces.AgiLine> trace() {
        return trace;
    }

    /** The commands the service sent, in order. */
    public List<String> commands() {
        return trace.stream().filter(l -> !l.fromAsterisk() && !l.text().equals("<closed>"))
                .map(AsteriskTraces.AgiLine::text).toList();
    }

    /** The headers Asterisk sent, name to value, in order. */
    public Map<String, String> headers() {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (AsteriskTraces.AgiLine line : trace) {
            if (!line.fromAsterisk() || !line.text().startsWith("agi_")) {
                break;
            }
            int colon = line.text().indexOf(':');
            headers.put(line.text().substring(0, colon), line.text().substring(colon + 1).trim());
        }
        return headers;
    }

    /** What Asterisk sent after the headers (replies and HANGUP lines), in order. */
    public List<String> asteriskLines() {
        return afterHeaders(trace.stream().filter(l -> !l.text().equals("<closed>"))
                .map(AsteriskTraces.AgiLine::toString).toList());
    }

    /**
     * Runs {@code action} on the stand-in call right after the reply to the first command the service sent at or
     * after {@code ms} in the trace (e.g. the caller presses a key or hangs up between commands).
     */
    public TraceReplay afterReplyAt(double ms, Consumer<AgiStandIn.SimulatedCall> action) {
        afterReply.put(commandAt(ms), action);
        return this;
    }

    /**
     * Runs {@code action} on another thread as soon as the first command sent at or after {@code ms} is sent: what
     * happened elsewhere while it ran (an AMI action on the call, say).
     */
    public TraceReplay whileRunning(double ms, Consumer<AgiStandIn.SimulatedCall> action) {
        whileRunning.put(commandAt(ms), action);
        return this;
    }

    private int commandAt(double ms) {
        int index = 0;
        for (AsteriskTraces.AgiLine line : trace) {
            if (!line.fromAsterisk() && !line.text().equals("<closed>")) {
                if (line.ms() >= ms) {
                    return index;
                }
                index++;
            }
        }
        throw new IllegalArgumentException("no command at or after " + ms + " ms");
    }

    /**
     * A bare HANGUP in the trace right after a reply, with no command in progress, is a caller who hung up between
     * commands (waiting on music, T6): the stand-in's caller does the same after that reply.
     */
    private void hangUpsBetweenCommands() {
        int index = -1;
        AsteriskTraces.AgiLine previous = null;
        for (AsteriskTraces.AgiLine line : trace) {
            if (!line.fromAsterisk() && !line.text().equals("<closed>")) {
                index++;
            }
            if (line.fromAsterisk() && line.text().equals("HANGUP") && previous != null && previous.fromAsterisk()
                    && !previous.text().isEmpty() && !previous.text().startsWith("agi_")) {
                afterReply.putIfAbsent(index, AgiStandIn.SimulatedCall::hangUpNow);
            }
            previous = line;
        }
    }

    /** Replays the trace's commands against this stand-in call; returns the call once the connection is closed. */
    public AgiStandIn.SimulatedCall against(AgiStandIn standIn) {
        hangUpsBetweenCommands();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AgiStandIn.SimulatedCall call = standIn.port(server.getLocalPort()).start();
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(15_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = socket.getOutputStream();
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    // the headers
                }
                List<String> commands = commands();
                for (int i = 0; i < commands.size(); i++) {
                    out.write((commands.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Consumer<AgiStandIn.SimulatedCall> meanwhile = whileRunning.get(i);
                    if (meanwhile != null) {
                        Thread thread = new Thread(() -> meanwhile.accept(call), "trace-replay-meanwhile");
                        thread.setDaemon(true);
                        thread.start();
                    }
                    do {
                        line = in.readLine();
                    } while ("HANGUP".equals(line));
                    if (line == null) {
                        throw new AssertionError("the stand-in closed the session at " + commands.get(i));
                    }
                    Consumer<AgiStandIn.SimulatedCall> action = afterReply.get(i);
                    if (action != null) {
                        action.accept(call);
                    }
                }
            }
            return call.awaitEnd();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines after the headers and their blank line, from a transcript of {@code A> }/{@code S> } lines. */
    public static List<String> afterHeaders(List<String> lines) {
        List<String> after = new ArrayList<>();
        boolean headers = true;
        for (String line : lines) {
            if (headers) {
                headers = !line.equals("A> ") && !line.equals("A>");
                continue;
            }
            if (line.startsWith("A>")) {
                after.add(line);
            }
        }
        return after;
    }

    /** A reply with the audio position left out: it depends on the caller's timing and the sound files. */
    public static String withoutAudioPosition(String line) {
        Matcher matcher = ENDPOS.matcher(line);
        return matcher.replaceAll("endpos=…");
    }
}
