package org.hotline12333.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Asterisk Manager Interface server spoken for real over TCP, as Asterisk 22 speaks it: banner, MD5 challenge
 * login, Ping, CoreSettings, CoreShowChannels (from the channels it knows), the actions the service sends
 * (recorded for assertions), and events pushed to every logged-in connection. Tests can drop connections, send
 * garbage, or make it never answer a login.
 */
public final class AmiStandIn implements AutoCloseable {

    public static final String BANNER = "Asterisk Call Manager/11.0.0";

    private final String username;
    private final String secret;
    private final ServerSocket server;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final List<Map<String, String>> actions = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Map<String, String>> channels = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile boolean answerLogins = true;
    private volatile boolean accepting = true;

    private AmiStandIn(String username, String secret) throws IOException {
        this.username = username;
        this.secret = secret;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "ami-standin-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static AmiStandIn start(String username, String secret) {
        try {
            return new AmiStandIn(username, secret);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** When false, the banner is sent but Challenge and Login get no answer at all. */
    public void answerLogins(boolean answer) {
        this.answerLogins = answer;
    }

    /** When false, new connections are closed at once, as if Asterisk were restarting. */
    public void accepting(boolean accepting) {
        this.accepting = accepting;
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    public int connected() {
        return (int) sessions.stream().filter(s -> s.loggedIn).count();
    }

    public void awaitLogins(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (logins.get() < count || connected() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " AMI login(s), saw " + logins.get());
            }
            sleep(20);
        }
    }

    /** Actions the service sent (each as its header map, keys case-insensitive as in AMI), logins and pings included. */
    public List<Map<String, String>> actions() {
        synchronized (actions) {
            return List.copyOf(actions);
        }
    }

    public List<Map<String, String>> actions(String name) {
        return actions().stream().filter(a -> name.equalsIgnoreCase(a.get("Action"))).toList();
    }

    /** The next action with this name is answered with an error carrying this message. */
    public void failNext(String action, String message) {
        failures.put(action.toLowerCase(), message);
    }

    /** A channel appears: Newchannel is sent, and CoreShowChannels will list it. */
    public void newChannel(String uniqueId, String channel, String callerNumber) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Channel", channel);
        fields.put("ChannelState", "4");
        fields.put("ChannelStateDesc", "Ring");
        fields.put("CallerIDNum", callerNumber);
        fields.put("CallerIDName", "<unknown>");
        fields.put("ConnectedLineNum", "<unknown>");
        fields.put("ConnectedLineName", "<unknown>");
        fields.put("Language", "zh");
        fields.put("AccountCode", "");
        fields.put("Context", "from-carrier");
        fields.put("Exten", "12333");
        fields.put("Priority", "1");
        fields.put("Uniqueid", uniqueId);
        fields.put("Linkedid", uniqueId);
        channels.put(uniqueId, fields);
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "Newchannel");
        event.put("Privilege", "call,all");
        event.putAll(fields);
        emit(event);
    }

    /** A channel is answered: Newstate with state Up (6) is sent, and CoreShowChannels lists it as Up. */
    public void answer(String uniqueId) {
        Map<String, String> fields = channels.get(uniqueId);
        if (fields == null) {
            throw new IllegalArgumentException("no channel " + uniqueId);
        }
        fields.put("ChannelState", "6");
        fields.put("ChannelStateDesc", "Up");
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "Newstate");
        event.put("Privilege", "call,all");
        event.putAll(fields);
        emit(event);
    }

    /** A channel is hung up: Hangup is sent and it no longer exists. */
    public void hangup(String uniqueId, int cause, String causeText) {
        Map<String, String> fields = channels.remove(uniqueId);
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "Hangup");
        event.put("Privilege", "call,all");
        if (fields != null) {
            event.putAll(fields);
        } else {
            event.put("Uniqueid", uniqueId);
        }
        event.put("Cause", Integer.toString(cause));
        event.put("Cause-txt", causeText);
        emit(event);
    }

    /** A Dial() on a channel starts ringing another (DialBegin), as Asterisk reports it. */
    public void dialBegin(String uniqueId, String channel, String destUniqueId, String destChannel, String dialString) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "DialBegin");
        event.put("Privilege", "call,all");
        event.put("Channel", channel);
        event.put("Uniqueid", uniqueId);
        event.put("Linkedid", uniqueId);
        event.put("DestChannel", destChannel);
        event.put("DestUniqueid", destUniqueId);
        event.put("DestLinkedid", uniqueId);
        event.put("DialString", dialString);
        emit(event);
    }

    /** A Dial() ends ringing with a status (ANSWER, NOANSWER, BUSY...), as Asterisk reports it (DialEnd). */
    public void dialEnd(String uniqueId, String channel, String destUniqueId, String destChannel, String status) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "DialEnd");
        event.put("Privilege", "call,all");
        event.put("Channel", channel);
        event.put("Uniqueid", uniqueId);
        event.put("Linkedid", uniqueId);
        event.put("DestChannel", destChannel);
        event.put("DestUniqueid", destUniqueId);
        event.put("DialStatus", status);
        emit(event);
    }

    /** A PJSIP contact's status changes (ContactStatus: Reachable, Unreachable, Removed, Created...). */
    public void contactStatus(String endpoint, String status) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "ContactStatus");
        event.put("Privilege", "system,all");
        event.put("URI", "sip:" + endpoint + "@192.0.2.10:5060");
        event.put("ContactStatus", status);
        event.put("AOR", endpoint);
        event.put("EndpointName", endpoint);
        event.put("RoundtripUsec", "1500");
        emit(event);
    }

    /** A device's state changes (DeviceStateChange: NOT_INUSE, INUSE, RINGING, UNAVAILABLE...). */
    public void deviceState(String device, String state) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("Event", "DeviceStateChange");
        event.put("Privilege", "call,all");
        event.put("Device", device);
        event.put("State", state);
        emit(event);
    }

    /** Adds or removes a channel without telling anyone: what happens on Asterisk while the AMI link is down. */
    public void silentlyAddChannel(String uniqueId, String channel, String callerNumber) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Channel", channel);
        fields.put("ChannelState", "6");
        fields.put("ChannelStateDesc", "Up");
        fields.put("CallerIDNum", callerNumber);
        fields.put("Uniqueid", uniqueId);
        fields.put("Linkedid", uniqueId);
        fields.put("Context", "from-carrier");
        fields.put("Exten", "12333");
        channels.put(uniqueId, fields);
    }

    public void silentlyRemoveChannel(String uniqueId) {
        channels.remove(uniqueId);
    }

    /** Sends an event (header map, "Event" first) to every logged-in connection. */
    public void emit(Map<String, String> event) {
        String text = format(event);
        sessions.stream().filter(s -> s.loggedIn).forEach(s -> s.send(text));
    }

    /** Sends raw text to every logged-in connection, e.g. lines that are not {@code Key: value}. */
    public void sendRaw(String text) {
        sessions.stream().filter(s -> s.loggedIn).forEach(s -> s.send(text));
    }

    /** Closes every connection abruptly, as a crashing Asterisk or a broken network would. */
    public void dropConnections() {
        sessions.forEach(Session::close);
        sessions.clear();
    }

    @Override
    public void close() {
        accepting = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (!accepting) {
                    socket.close();
                    continue;
                }
                Session session = new Session(socket);
                sessions.add(session);
                Thread thread = new Thread(session::run, "ami-standin-session");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String format(Map<String, String> message) {
        StringBuilder text = new StringBuilder();
        message.forEach((key, value) -> text.append(key).append(": ").append(value).append("\r\n"));
        return text.append("\r\n").toString();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Session {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean loggedIn;
        private String challenge;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void run() {
            try (socket) {
                send(BANNER + "\r\n");
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                Map<String, String> action = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isEmpty()) {
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            // a header sent several times (Originate's Variable) keeps every value, comma-joined
                            action.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(),
                                    (first, more) -> first + "," + more);
                        }
                        continue;
                    }
                    if (!action.isEmpty()) {
                        handle(Collections.unmodifiableMap(action));
                        action = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    }
                }
            } catch (IOException ignored) {
                // connection closed
            } finally {
                sessions.remove(this);
            }
        }

        private void handle(Map<String, String> action) {
            actions.add(action);
            String name = action.getOrDefault("Action", "").toLowerCase();
            String id = action.get("ActionID");
            if ((name.equals("challenge") || name.equals("login")) && !answerLogins) {
                return;
            }
            String failure = failures.remove(name);
            if (failure != null) {
                respond(id, "Error", Map.of("Message", failure));
                return;
            }
            switch (name) {
                case "challenge" -> {
                    challenge = Long.toString(100000000L + (long) (Math.random() * 800000000L));
                    respond(id, "Success", Map.of("Challenge", challenge));
                }
                case "login" -> login(id, action);
                case "ping" -> respond(id, "Success", Map.of("Ping", "Pong", "Timestamp", "1763900000.000000"));
                case "coresettings" -> respond(id, "Success", Map.of("AMIversion", "11.0.0",
                        "AsteriskVersion", "22.1.0", "SystemName", "", "CoreMaxCalls", "0"));
                case "coreshowchannels" -> showChannels(id);
                case "logoff" -> {
                    respond(id, "Goodbye", Map.of("Message", "Thanks for all the fish."));
                    close();
                }
                case "originate" -> respond(id, "Success", Map.of("Message", "Originate successfully queued"));
                case "redirect" -> respond(id, "Success", Map.of("Message", "Redirect successful"));
                case "atxfer" -> respond(id, "Success", Map.of("Message", "Atxfer successfully queued"));
                case "hangup" -> respond(id, "Success", Map.of("Message", "Channel Hungup"));
                case "playdtmf" -> respond(id, "Success", Map.of("Message", "DTMF successfully queued"));
                case "mixmonitor" -> respond(id, "Success", Map.of());
                case "stopmixmonitor" -> respond(id, "Success", Map.of("Message", "Stopped monitoring channel"));
                default -> respond(id, "Error", Map.of("Message", "Invalid/unknown command"));
            }
        }

        private void login(String id, Map<String, String> action) {
            boolean ok = username.equals(action.get("Username")) && ("MD5".equalsIgnoreCase(action.get("AuthType"))
                    ? md5(challenge + secret).equalsIgnoreCase(action.get("Key"))
                    : secret.equals(action.get("Secret")));
            if (!ok) {
                respond(id, "Error", Map.of("Message", "Authentication failed"));
                return;
            }
            respond(id, "Success", Map.of("Message", "Authentication accepted"));
            loggedIn = true;
            logins.incrementAndGet();
            send(format(Map.of("Event", "FullyBooted", "Privilege", "system,all", "Status", "Fully Booted")));
        }

        private void showChannels(String id) {
            List<Map<String, String>> list;
            synchronized (channels) {
                list = List.copyOf(channels.values());
            }
            Map<String, String> start = new LinkedHashMap<>();
            start.put("EventList", "start");
            start.put("Message", "Channels will follow");
            respond(id, "Success", start);
            for (Map<String, String> channel : list) {
                Map<String, String> event = new LinkedHashMap<>();
                event.put("Event", "CoreShowChannel");
                event.put("ActionID", id);
                event.putAll(channel);
                event.put("Duration", "00:00:42");
                event.put("BridgeId", "");
                event.put("Application", "AGI");
                event.put("ApplicationData", "agi://backend/ivr");
                send(format(event));
            }
            Map<String, String> complete = new LinkedHashMap<>();
            complete.put("Event", "CoreShowChannelsComplete");
            complete.put("ActionID", id);
            complete.put("EventList", "Complete");
            complete.put("ListItems", Integer.toString(list.size()));
            send(format(complete));
        }

        private void respond(String id, String response, Map<String, String> fields) {
            Map<String, String> message = new LinkedHashMap<>();
            message.put("Response", response);
            if (id != null) {
                message.put("ActionID", id);
            }
            message.putAll(fields);
            send(format(message));
        }

        synchronized void send(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            loggedIn = false;
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
