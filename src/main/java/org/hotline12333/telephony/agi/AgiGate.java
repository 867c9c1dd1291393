package org.hotline12333.telephony.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a FastAGI connection must pass before it gets a call thread, and what it must do once it has one. At accept:
 * the peer's address is in {@code hotline.agi.allowed-peers}, and fewer than {@code max-pending-per-peer} of its
 * connections are still sending their request. Afterwards ({@link AgiSocket}): the request arrives within the header
 * timeout, within the line and header limits.
 *
 * <p>Whatever is refused is counted and logged at most once a minute per address; a peer outside the allow-list is
 * also raised as an alert, at most once an hour per address. Alerts are stored off the accepting thread: a slow
 * database must not slow down taking calls.
 */
final class AgiGate implements AgiSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(AgiGate.class);
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    static final Duration ALERT_INTERVAL = Duration.ofHours(1);
    /** Bounds the per-address bookkeeping when many addresses knock. */
    private static final int MAX_TRACKED = 10_000;

    private final PeerAllowList allowed;
    private final AgiSocket.Limits limits;
    private final int maxPendingPerPeer;
    private final Clock clock;
    private final Alerts alerts;
    private final Map<InetAddress, Integer> pending = new ConcurrentHashMap<>();
    private final Set<InetSocketAddress> cutOff = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();
    private final Map<InetAddress, Instant> lastAlerted = new ConcurrentHashMap<>();
    private final AtomicLong refusedPeers = new AtomicLong();
    private final AtomicLong refusedPending = new AtomicLong();
    private final AtomicLong cutOffCount = new AtomicLong();
    private final ThreadPoolExecutor alerting = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), task -> {
                Thread thread = new Thread(task, "agi-gate-alerts");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    AgiGate(AgiProperties properties, Clock clock, Alerts alerts) {
        this.allowed = new PeerAllowList(properties.allowedPeers());
        this.limits = new AgiSocket.Limits(properties.headerTimeout(), properties.maxLineLength(),
                properties.maxHeaderLines(), Duration.ofHours(3));
        this.maxPendingPerPeer = properties.maxPendingPerPeer();
        this.clock = clock;
        this.alerts = alerts;
    }

    /** The connection to hand to asterisk-java, or null when it was refused (and closed). */
    AgiSocket admit(Socket socket) {
        InetAddress peer = socket.getInetAddress();
        if (!allowed.allows(peer)) {
            long count = refusedPeers.incrementAndGet();
            closeQuietly(socket);
            if (due(lastLogged, "peer " + peer.getHostAddress(), LOG_INTERVAL)) {
                log.warn("Refused a FastAGI connection from {}: not in hotline.agi.allowed-peers ({}); {} refused "
                        + "so far", peer.getHostAddress(), allowed, count);
            }
            if (due(lastAlerted, peer, ALERT_INTERVAL)) {
                String message = "FastAGI connection from " + peer.getHostAddress() + " refused: the address is not "
                        + "in hotline.agi.allowed-peers (" + allowed + "). Only Asterisk may connect to port 4573; "
                        + "if this is one of your nodes, add its address.";
                alerting.execute(() -> alerts.raise(AlertKind.SECURITY, "agi-peer " + peer.getHostAddress(), message));
            }
            return null;
        }
        if (!startWaiting(peer)) {
            long count = refusedPending.incrementAndGet();
            closeQuietly(socket);
            if (due(lastLogged, "pending " + peer.getHostAddress(), LOG_INTERVAL)) {
                log.warn("Closed a FastAGI connection from {}: {} of its connections are already waiting for their "
                        + "request (hotline.agi.max-pending-per-peer); {} closed so far", peer.getHostAddress(),
                        maxPendingPerPeer, count);
            }
            return null;
        }
        try {
            return new AgiSocket(socket, limits, this);
        } catch (IOException e) {
            requestEnded(peer);
            closeQuietly(socket);
            return null;
        }
    }

    /** True once for a connection this gate cut off: its session has nothing to run and nothing more to log. */
    boolean wasCutOff(InetAddress address, int port) {
        return address != null && cutOff.remove(new InetSocketAddress(address, port));
    }

    @Override
    public void requestEnded(AgiSocket socket) {
        requestEnded(socket.getRemoteAddress());
    }

    @Override
    public void cutOff(AgiSocket socket, String reason) {
        long count = cutOffCount.incrementAndGet();
        if (cutOff.size() >= MAX_TRACKED) {
            cutOff.clear();
        }
        cutOff.add(new InetSocketAddress(socket.getRemoteAddress(), socket.getRemotePort()));
        String peer = socket.getRemoteAddress().getHostAddress();
        if (due(lastLogged, "cut " + peer, LOG_INTERVAL)) {
            log.warn("Closed a FastAGI connection from {}: it {}; {} cut off so far (logged once a minute per "
                    + "address)", peer, reason, count);
        }
    }

    long refusedPeers() {
        return refusedPeers.get();
    }

    long refusedPending() {
        return refusedPending.get();
    }

    long cutOff() {
        return cutOffCount.get();
    }

    PeerAllowList allowed() {
        return allowed;
    }

    private boolean startWaiting(InetAddress peer) {
        boolean[] admitted = {false};
        pending.compute(peer, (address, waiting) -> {
            int now = waiting == null ? 0 : waiting;
            if (now >= maxPendingPerPeer) {
                return waiting;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    private void requestEnded(InetAddress peer) {
        pending.computeIfPresent(peer, (address, waiting) -> waiting <= 1 ? null : waiting - 1);
    }

    private <K> boolean due(Map<K, Instant> last, K key, Duration interval) {
        Instant now = clock.instant();
        if (last.size() >= MAX_TRACKED) {
            last.clear();
        }
        boolean[] due = {false};
        last.compute(key, (k, before) -> {
            // a clock set back must not silence an address for good
            if (before == null || !now.isBefore(before.plus(interval)) || now.isBefore(before)) {
                due[0] = true;
                return now;
            }
            return before;
        });
        return due[0];
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a refused connection
        }
    }
}
