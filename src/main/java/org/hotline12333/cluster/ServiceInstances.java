package org.hotline12333.cluster;

import static org.hotline12333.sql.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.StartStopOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This instance's lease, and the watch on the others'. Every {@code heartbeat-interval} the instance renews its row
 * in {@code service_instance} and looks for instances that have not renewed theirs for longer than the lease and did
 * not stop cleanly. Such an instance is claimed by a conditional UPDATE, so exactly one survivor wins, and
 * {@link InstanceLost} is published inside the claim's transaction: if closing what it left open fails, the claim
 * is rolled back and tried again at the next round, by whichever instance gets there first.
 *
 * <p>Leases are timed by the database's clock, not the instances' own: instances whose clocks differ (or a test that
 * moves one instance's clock) never take each other for dead. An instance that finds it was taken over while it
 * was still running (paused, or cut off from the database, for longer than the lease) says so and registers again.
 *
 * <p>Starts before anything else and stops after everything else: a clean stop marks the row stopped, so nobody
 * takes over an instance that closed its own calls.
 */
@Component
public class ServiceInstances implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ClusterProperties properties;
    private final ThisInstance me;
    private final String incarnation = UUID.randomUUID().toString();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean nameClashReported;

    ServiceInstances(JdbcClient db, TransactionTemplate transactions, ApplicationEventPublisher events,
                     ClusterProperties properties, ThisInstance me) {
        this.db = db;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.me = me;
    }

    /** Every instance the database knows, with whether its lease is fresh. */
    public List<InstanceView> all() {
        Instant freshSince = databaseNow().minus(properties.lease());
        return db.sql("SELECT name, started_at, heartbeat_at, stopped_at, taken_over_by, taken_over_at"
                + " FROM service_instance ORDER BY name").query((rs, n) -> view(rs, freshSince)).list();
    }

    /** Whether the named instance is running: its lease is fresh and it has not stopped. */
    public boolean isAlive(String name) {
        Instant freshSince = databaseNow().minus(properties.lease());
        return db.sql("SELECT name, started_at, heartbeat_at, stopped_at, taken_over_by, taken_over_at"
                        + " FROM service_instance WHERE name = ?").param(name)
                .query((rs, n) -> view(rs, freshSince)).optional().map(InstanceView::alive).orElse(false);
    }

    /** The time on the database's clock, which every instance's lease is measured by. */
    private Instant databaseNow() {
        return db.sql("SELECT CURRENT_TIMESTAMP").query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
    }

    /** Renews this instance's lease. */
    void heartbeat() {
        int renewed = db.sql("UPDATE service_instance SET heartbeat_at = ? WHERE name = ? AND incarnation = ?"
                        + " AND taken_over_by IS NULL").params(ts(databaseNow()), me.name(), incarnation).update();
        if (renewed == 0) {
            Optional<String> by = db.sql("SELECT taken_over_by FROM service_instance WHERE name = ? AND incarnation = ?"
                    + " AND taken_over_by IS NOT NULL").params(me.name(), incarnation).query(String.class).optional();
            if (by.isPresent()) {
                log.error("Instance '{}' was taken over by '{}' while still running (it did not renew its lease for {}:"
                        + " paused, or cut off from the database): its calls were closed as INSTANCE_LOST. It registers"
                        + " again.", me.name(), by.get(), properties.lease());
                register();
                return;
            }
            if (!nameClashReported) {
                nameClashReported = true;
                log.error("Another process has registered as instance '{}' since this one started: give every "
                        + "instance its own hotline.calls.instance-name. This one registers again.", me.name());
            }
            register();
        }
    }

    /** Takes over every instance whose lease ran out; returns how many this instance claimed. */
    int takeOverLost() {
        Instant now = databaseNow();
        Instant expired = now.minus(properties.lease());
        List<String> lost = db.sql("SELECT name FROM service_instance WHERE name <> ? AND stopped_at IS NULL"
                        + " AND taken_over_by IS NULL AND heartbeat_at < ?")
                .params(me.name(), ts(expired)).query(String.class).list();
        int claimed = 0;
        for (String name : lost) {
            if (takeOver(name, expired)) {
                claimed++;
            }
        }
        return claimed;
    }

    private boolean takeOver(String name, Instant expired) {
        Boolean won = transactions.execute(status -> {
            Optional<Instant> lastHeartbeat = db.sql("SELECT heartbeat_at FROM service_instance WHERE name = ?")
                    .param(name).query((rs, n) -> instant(rs, 1)).optional();
            Instant now = databaseNow();
            int updated = db.sql("UPDATE service_instance SET taken_over_by = ?, taken_over_at = ? WHERE name = ?"
                            + " AND stopped_at IS NULL AND taken_over_by IS NULL AND heartbeat_at < ?")
                    .params(me.name(), ts(now), name, ts(expired)).update();
            if (updated != 1 || lastHeartbeat.isEmpty()) {
                return false;
            }
            log.warn("Instance '{}' has not renewed its lease since {}: instance '{}' takes over what it left open",
                    name, lastHeartbeat.get(), me.name());
            events.publishEvent(new InstanceLost(name, lastHeartbeat.get(), now, me.name()));
            return true;
        });
        return Boolean.TRUE.equals(won);
    }

    private void register() {
        Instant now = databaseNow();
        int updated = db.sql("UPDATE service_instance SET incarnation = ?, started_at = ?, heartbeat_at = ?,"
                        + " stopped_at = NULL, taken_over_by = NULL, taken_over_at = NULL WHERE name = ?")
                .params(incarnation, ts(now), ts(now), me.name()).update();
        if (updated == 0) {
            db.sql("INSERT INTO service_instance (name, incarnation, started_at, heartbeat_at) VALUES (?, ?, ?, ?)")
                    .params(me.name(), incarnation, ts(now), ts(now)).update();
        }
    }

    private void renew() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.error("Could not renew instance '{}''s lease; trying again in {}", me.name(),
                    properties.heartbeatInterval(), e);
        }
    }

    private void watch() {
        try {
            takeOverLost();
        } catch (RuntimeException e) {
            log.error("Could not look for lost instances; trying again in {}", properties.heartbeatInterval(), e);
        }
    }

    @Override
    public void start() {
        register();
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "cluster-lease-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(10, properties.heartbeatInterval().toMillis());
        // apart: closing what a lost instance left open (thousands of calls) never holds up this one's own lease
        scheduler.scheduleWithFixedDelay(this::renew, interval, interval, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::watch, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Instance '{}' holds its lease (renewed every {}, taken over after {} of silence)", me.name(),
                properties.heartbeatInterval(), properties.lease());
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.shutdownNow();
        }
        try {
            db.sql("UPDATE service_instance SET stopped_at = ? WHERE name = ? AND incarnation = ?")
                    .params(ts(databaseNow()), me.name(), incarnation).update();
        } catch (RuntimeException e) {
            log.warn("Could not mark instance '{}' stopped; another instance takes over after the lease: {}",
                    me.name(), e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        ScheduledExecutorService current = scheduler;
        return current != null && !current.isShutdown();
    }

    /** First to start, last to stop: the lease covers every call this instance handles. */
    @Override
    public int getPhase() {
        return StartStopOrder.LEASE;
    }

    private static InstanceView view(ResultSet rs, Instant freshSince) throws SQLException {
        Instant heartbeat = instant(rs, 3);
        Instant stopped = instant(rs, 4);
        String takenOverBy = rs.getString(5);
        boolean alive = stopped == null && takenOverBy == null && !heartbeat.isBefore(freshSince);
        return new InstanceView(rs.getString(1), instant(rs, 2), heartbeat, stopped, takenOverBy, instant(rs, 6),
                alive);
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
