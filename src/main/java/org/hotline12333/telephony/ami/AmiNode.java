package org.hotline12333.telephony.ami;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.hotline12333.telephony.AsteriskProperties;
import org.hotline12333.telephony.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI connection to one Asterisk node, kept up for the life of the service: it logs in, pings while idle, and on
 * any failure tries again after a delay that doubles up to a limit. After every successful login it asks Asterisk
 * for the channels that exist and the phones' states, so the live picture and agents' reachability are right again
 * after a gap.
 *
 * <p>asterisk-java reconnects on its own only after a first successful login, at fixed intervals; this class owns
 * reconnecting instead, so the first connect and every later one follow the same rules and report the same way.
 * After each login it reads what Asterisk has now ({@link AfterLogin}).
 */
final class AmiNode {

    private static final Logger log = LoggerFactory.getLogger(AmiNode.class);

    private final AsteriskProperties.Node settings;
    private final AsteriskProperties timing;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<PbxEvent> events;
    private final Consumer<String> onDown;
    private final AtomicLong malformedLines = new AtomicLong();
    private final Object lock = new Object();

    private ManagerConnection connection;
    private ScheduledFuture<?> keepalive;
    private Duration retryDelay;
    private String lastReported;
    private volatile NodeState state;
    private volatile boolean stopped;

    /** @param onDown told the reason each time the node goes down, not on every failed retry */
    AmiNode(AsteriskProperties.Node settings, AsteriskProperties timing, ScheduledExecutorService scheduler,
            Clock clock, Consumer<PbxEvent> events, Consumer<String> onDown) {
        this.settings = settings;
        this.timing = timing;
        this.scheduler = scheduler;
        this.clock = clock;
        this.state = NodeState.down("not connected yet", clock.instant());
        this.events = events;
        this.onDown = onDown;
        this.retryDelay = timing.reconnectInitialDelay();
    }

    String name() {
        return settings.name();
    }

    NodeState state() {
        return state;
    }

    long malformedLines() {
        return malformedLines.get();
    }

    /** The connection if the node is up, else null. */
    ManagerConnection connection() {
        synchronized (lock) {
            return state.up() ? connection : null;
        }
    }

    void start() {
        scheduler.execute(this::connect);
    }

    void stop() {
        stopped = true;
        ManagerConnection last;
        synchronized (lock) {
            last = connection;
            connection = null;
            cancelKeepalive();
        }
        discard(last);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        CheckedManagerConnection attempt = new CheckedManagerConnection(settings, timing.actionTimeout().toMillis(),
                malformedLines);
        attempt.addEventListener(event -> onEvent(attempt, event));
        attempt.registerUserEventClass(DeviceStateListAction.DeviceStateListCompleteEvent.class);
        attempt.registerUserEventClass(DeviceStateListAction.DeviceState.class);
        attempt.registerUserEventClass(SpyStartEvent.class);
        try {
            attempt.login();
        } catch (IOException | AuthenticationFailedException | TimeoutException | RuntimeException e) {
            discard(attempt);
            if (!stopped) {
                // stopping interrupts a login waiting for its answer (asterisk-java then fails it with a
                // NullPointerException): the node is not down, the service is going
                failed(describe(e));
            }
            return;
        }
        String version = String.valueOf(attempt.getVersion());
        synchronized (lock) {
            if (stopped) {
                discard(attempt);
                return;
            }
            connection = attempt;
            state = NodeState.up(version, clock.instant());
            retryDelay = timing.reconnectInitialDelay();
            lastReported = null;
            long interval = timing.keepaliveInterval().toMillis();
            keepalive = scheduler.scheduleWithFixedDelay(() -> ping(attempt), interval, interval, TimeUnit.MILLISECONDS);
        }
        log.info("AMI node {} connected to {}:{} ({})", name(), settings.host(), settings.port(), version);
        events.accept(new PbxEvent.NodeConnected(name(), clock.instant(), version));
        scheduler.execute(() -> resync(attempt));
    }

    private void onEvent(CheckedManagerConnection from, ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            String closedHere = from.closedBecause();
            String reason = closedHere != null ? closedHere : "connection closed by the other side";
            // asterisk-java is still dispatching on its reader thread; reconnect elsewhere
            scheduler.execute(() -> lost(from, reason));
            return;
        }
        if (event instanceof ResponseEvent && !(event instanceof OriginateResponseEvent)) {
            return; // the answers to list actions; an async Originate's outcome is news, though
        }
        synchronized (lock) {
            if (from != connection) {
                return;
            }
        }
        PbxEvent mapped = AmiEvents.map(name(), event, clock.instant());
        if (mapped != null) {
            events.accept(mapped);
        }
    }

    private void lost(ManagerConnection which, String reason) {
        synchronized (lock) {
            if (which != connection || stopped) {
                return;
            }
            connection = null;
            cancelKeepalive();
            state = NodeState.down(reason, clock.instant());
            retryDelay = timing.reconnectInitialDelay();
        }
        discard(which);
        log.warn("AMI node {} lost its connection ({}); reconnecting", name(), reason);
        lastReported = reason;
        events.accept(new PbxEvent.NodeDisconnected(name(), clock.instant(), reason));
        onDown.accept(reason);
        scheduleConnect();
    }

    private void failed(String reason) {
        state = NodeState.down(reason, clock.instant());
        if (!reason.equals(lastReported)) {
            log.warn("AMI node {} at {}:{} is down: {}. Retrying with backoff up to every {} s", name(),
                    settings.host(), settings.port(), reason, timing.reconnectMaxDelay().toSeconds());
            if (lastReported == null) {
                onDown.accept(reason);
            }
            lastReported = reason;
        } else {
            log.debug("AMI node {} still down: {}", name(), reason);
        }
        scheduleConnect();
    }

    private void scheduleConnect() {
        if (stopped) {
            return;
        }
        Duration delay;
        synchronized (lock) {
            delay = retryDelay;
            Duration doubled = retryDelay.multipliedBy(2);
            retryDelay = doubled.compareTo(timing.reconnectMaxDelay()) > 0 ? timing.reconnectMaxDelay() : doubled;
        }
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping(ManagerConnection which) {
        try {
            which.sendAction(new PingAction(), timing.actionTimeout().toMillis());
        } catch (IOException | TimeoutException | RuntimeException e) {
            lost(which, "no answer to Ping: " + describe(e));
        }
    }

    private void resync(ManagerConnection which) {
        new AfterLogin(name(), which, timing.actionTimeout(), clock, events, () -> {
            synchronized (lock) {
                return which == connection;
            }
        }, this::describe).run();
    }

    private void cancelKeepalive() {
        if (keepalive != null) {
            keepalive.cancel(false);
            keepalive = null;
        }
    }

    private static void discard(ManagerConnection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.logoff();
        } catch (RuntimeException notLoggedIn) {
            // never logged in, or already closed: nothing to release
        }
    }

    private String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof AuthenticationFailedException && cause.getCause() instanceof TimeoutException) {
                return "no answer to login within " + timing.actionTimeout().toSeconds() + " s";
            }
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) {
            return "cannot connect: " + cause.getMessage();
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + settings.host();
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer within " + timing.actionTimeout().toSeconds() + " s";
        }
        if (cause instanceof TimeoutException && String.valueOf(cause.getMessage()).contains("protocol identifier")) {
            return "no AMI greeting within " + timing.actionTimeout().toSeconds() + " s (closed at once, or not an AMI port)";
        }
        if (e instanceof AuthenticationFailedException) {
            return "login refused: " + e.getMessage();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
