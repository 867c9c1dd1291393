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
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

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
    private final StandInChannels channels = new StandInChannels(this::emit);
    private final StandInTransfers transfers = new StandInTransfers(channels);
    private final StandInSpies spies = new StandInSpies(channels);
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile boolean answerLogins = true;
    private volatile boolean accepting = true;

    private AmiStandIn(String username, String secret) throws IOException {
        this.username = username;
        this.secret = secret;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        channels.onHangup(spies::hungUp);
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

    /** Waits until the service has logged in this many times in all, and is logged in now. */
    public void awaitLogins(int count) {
        Awaitility.await().alias(count + " AMI login(s)").until(() -> logins.get() >= count && connected() > 0);
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

    /** The channels and bridges this stand-in knows (CoreShowChannels lists them; AMI Hangup acts on them). */
    StandInChannels channels() {
        return channels;
    }

    /** A channel appears: Newchannel is sent, and CoreShowChannels will list it. */
    public void newChannel(String uniqueId, String channel, String callerNumber) {
        channels.add(uniqueId, uniqueId, channel, Map.of("ChannelState", "4", "CallerIDNum", callerNumber,
                "Language", "zh", "Context", "from-carrier", "Exten", "12333"));
        channels.channelEvent("Newchannel", uniqueId, Map.of());
    }

    /** A channel is answered: Newstate with state Up (6) is sent, and CoreShowChannels lists it as Up. */
    public void answer(String uniqueId) {
        if (!channels.exists(uniqueId)) {
            throw new IllegalArgumentException("no channel " + uniqueId);
        }
        channels.set(uniqueId, "ChannelState", "6");
        channels.channelEvent("Newstate", uniqueId, Map.of());
    }

    /** A channel is hung up: Hangup is sent and it no longer exists. */
    public void hangup(String uniqueId, int cause, String causeText) {
        channels.hangup(uniqueId, cause, causeText);
    }

    /**
     * A Dial() on a channel starts ringing another (DialBegin), as Asterisk reports it; the dialled channel is
     * created if the stand-in does not know it yet.
     */
    public void dialBegin(String uniqueId, String channel, String destUniqueId, String destChannel, String dialString) {
        if (!channels.exists(destUniqueId)) {
            channels.add(destUniqueId, uniqueId, destChannel, Map.of("Context", "agents"));
        }
        channels.dialEvent("DialBegin", uniqueId, channel, destUniqueId, "DialString", dialString);
    }

    /** A Dial() ends ringing with a status (ANSWER, NOANSWER, BUSY...), as Asterisk reports it (DialEnd). */
    public void dialEnd(String uniqueId, String channel, String destUniqueId, String destChannel, String status) {
        if (status.equals("ANSWER")) {
            channels.set(destUniqueId, "ChannelState", "6");
        }
        channels.dialEvent("DialEnd", uniqueId, channel, destUniqueId, "DialStatus", status);
    }

    /** A PJSIP contact's status changes (ContactStatus: Reachable, Unreachable, Removed, Created...). */
    public void contactStatus(String endpoint, String status) {
        Map<String, String> event = StandInChannels.event("ContactStatus", "system,all");
        event.put("URI", "sip:" + endpoint + "@192.0.2.10:5060");
        event.put("ContactStatus", status);
        event.put("AOR", endpoint);
        event.put("EndpointName", endpoint);
        event.put("RoundtripUsec", "1500");
        emit(event);
    }

    /** A device's state changes (DeviceStateChange: NOT_INUSE, INUSE, RINGING, UNAVAILABLE...). */
    public void deviceState(String device, String state) {
        channels.deviceState(device, state);
    }

    /**
     * A phone's device state as Asterisk knows it before anyone asks (e.g. UNAVAILABLE: never registered), without
     * an event; DeviceStateList reports it.
     */
    public void phone(String device, String state) {
        channels.setDevice(device, state);
    }

    /**
     * The phone rung by the last Originate with this ChannelId answers, with the events Asterisk 22.10 sends (and,
     * for ChanSpy, ChanSpyStart: see {@link StandInSpies}); returns the new channel's name (PJSIP/2001-...).
     */
    public String originatedPhoneAnswers(String channelId) {
        Map<String, String> originate = actions("Originate").stream()
                .filter(a -> channelId.equals(a.get("ChannelId"))).reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalArgumentException("no Originate with ChannelId " + channelId));
        return spies.answer(originate);
    }

    /**
     * The phone (or number) rung by this Originate did not connect: Asterisk's OriginateResponse Failure with its
     * reason (3 no answer, 5 busy, 8 congestion, 1 hung up, 0 failed) and the Originate's ChannelId as unique id.
     */
    public void originateFails(Map<String, String> originate, int reason) {
        emit(Map.of("Event", "OriginateResponse", "Response", "Failure", "Channel", originate.get("Channel"),
                "Reason", String.valueOf(reason), "Uniqueid", originate.get("ChannelId"), "CallerIDNum",
                originate.getOrDefault("CallerID", "")));
    }

    /** StandInCallEvents: the spy was pulled into the caller's bridge. */
    StandInSpies spies() {
        return spies;
    }

    /** The phone on this channel hangs up: it leaves its bridge and the call (the other side's Dial ends). */
    public void phoneHangsUp(String channel) {
        String uniqueId = channels.uniqueIdOf(channel);
        if (uniqueId == null) {
            throw new IllegalArgumentException("no channel " + channel);
        }
        channels.atomically(() -> {
            channels.channelEvent("HangupRequest", uniqueId, Map.of("Cause", "16"));
            channels.hangupBridged(uniqueId, StandInCallEvents.deviceOf(channel));
        });
    }

    /** Adds or removes a channel without telling anyone: what happens on Asterisk while the AMI link is down. */
    public void silentlyAddChannel(String uniqueId, String channel, String callerNumber) {
        channels.add(uniqueId, uniqueId, channel, Map.of("ChannelState", "6", "CallerIDNum", callerNumber,
                "Language", "zh", "Context", "from-carrier", "Exten", "12333"));
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

    private final class Session {
        private final Socket socket;
        private final OutputStream out;
        private volatile boolean loggedIn;
        private String challenge;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            // as Asterisk's manager.c does for every AMI session: without it each small write waits for the ACK of
            // the one before (Nagle), and events reach the reader tens of milliseconds late
            socket.setTcpNoDelay(true);
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
                case "devicestatelist" -> listDeviceStates(id);
                case "logoff" -> {
                    respond(id, "Goodbye", Map.of("Message", "Thanks for all the fish."));
                    close();
                }
                case "originate" -> respond(id, "Success", Map.of("Message", "Originate successfully queued"));
                case "redirect" -> respond(id, "Success", Map.of("Message", "Redirect successful"));
                case "atxfer" -> atxfer(id, action);
                case "cancelatxfer" -> {
                    respond(id, "Success", Map.of("Message", "CancelAtxfer successfully queued"));
                    channels.atomically(() -> transfers.cancel(action.get("Channel")));
                }
                case "hangup" -> channels.atomically(() -> hangupAction(id, action.get("Channel")));
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

        /** Atxfer answers Success even when the transfer cannot start (Asterisk 22.10). */
        private void atxfer(String id, Map<String, String> action) {
            String channel = action.get("Channel");
            if (channel == null || channels.uniqueIdOf(channel) == null) {
                respond(id, "Error", Map.of("Message", "Channel specified does not exist"));
                return;
            }
            respond(id, "Success", Map.of("Message", "Atxfer successfully queued"));
            channels.atomically(() -> transfers.atxfer(channel, action.get("Exten"), action.get("Context")));
        }

        /**
         * A channel Asterisk knows is hung up, with the events it reports: a bridged one as in trace X1, a consulting
         * agent's completes the attended transfer.
         */
        private void hangupAction(String id, String channel) {
            String uniqueId = channel == null ? null : channels.uniqueIdOf(channel);
            respond(id, "Success", Map.of("Message", "Channel Hungup"));
            if (uniqueId != null && transfers.hangupCompletes(uniqueId)) {
                return;
            }
            String ringingFor = uniqueId == null ? null : channels.ringingFor(uniqueId);
            if (ringingFor != null) { // a ringing agent leg hung up: Dial sees NOANSWER, the leg goes with cause 0
                channels.dialEvent("DialEnd", ringingFor, uniqueId, "DialStatus", "NOANSWER");
                channels.hangup(uniqueId, 0, "Unknown");
                channels.deviceState(StandInCallEvents.deviceOf(channel), "NOT_INUSE");
                return;
            }
            if (uniqueId != null && !channels.bridgedWith(uniqueId).isEmpty()) {
                channels.hangupBridged(uniqueId, StandInCallEvents.deviceOf(channel));
            } else if (uniqueId != null) {
                channels.hangup(uniqueId, 16, "Normal Clearing");
            }
        }

        /** As Asterisk 22 answers: DeviceStateChange items carrying the ActionID and no Privilege or Timestamp. */
        private void listDeviceStates(String id) {
            Map<String, String> devices = channels.devices();
            Map<String, String> start = new LinkedHashMap<>();
            start.put("EventList", "start");
            start.put("Message", "Device State Changes will follow");
            respond(id, "Success", start);
            devices.forEach((device, state) -> {
                Map<String, String> item = new LinkedHashMap<>();
                item.put("Event", "DeviceStateChange");
                item.put("ActionID", id);
                item.put("Device", device);
                item.put("State", state);
                send(format(item));
            });
            Map<String, String> complete = new LinkedHashMap<>();
            complete.put("Event", "DeviceStateListComplete");
            complete.put("ActionID", id);
            complete.put("EventList", "Complete");
            complete.put("ListItems", Integer.toString(devices.size()));
            send(format(complete));
        }

        private void showChannels(String id) {
            List<Map<String, String>> list = channels.all();
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
