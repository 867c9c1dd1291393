package org.hotline12333.cluster;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.hotline12333.StartStopOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Short messages between instances, through PostgreSQL's LISTEN/NOTIFY: no broker, the database every instance
 * already shares. A message goes to every other instance listening at that moment (not to its sender); one that
 * arrives while an instance is reconnecting is lost, so users of a topic also say what they need again when told
 * the connection came back ({@link #onReconnect}). A payload must stay under PostgreSQL's 8000 bytes.
 *
 * <p>On H2 (the embedded database, one instance) there is nobody to tell: {@link #publish} does nothing.
 */
@Component
public class ClusterMessages implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClusterMessages.class);
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final String PREFIX = "hotline_";
    /** The longest body {@link #publish} takes, in UTF-8 bytes (the sender's name goes first; PostgreSQL takes 8000). */
    public static final int MAX_BODY = 7800;

    private final DataSource dataSource;
    private final JdbcClient db;
    private final ThisInstance me;
    private final boolean postgres;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private volatile Thread listener;
    private volatile boolean running;
    private volatile boolean listenAgain;

    ClusterMessages(DataSource dataSource, JdbcClient db, ThisInstance me) {
        this.dataSource = dataSource;
        this.db = db;
        this.me = me;
        this.postgres = isPostgres(dataSource);
    }

    /** Whether other instances can hear this one (the database is PostgreSQL). */
    public boolean shared() {
        return postgres;
    }

    /**
     * Handles every message of the topic from other instances, one at a time on the listener's thread: a handler
     * must be quick (hand the work on) and not throw.
     */
    public void subscribe(String topic, Consumer<String> handler) {
        checkTopic(topic);
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
        listenAgain = running;
    }

    /** Runs after the listening connection came back: messages sent meanwhile were lost. */
    public void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    /** Sends the body to every other instance listening on the topic; false when it could not be sent. */
    public boolean publish(String topic, String body) {
        checkTopic(topic);
        if (!postgres) {
            return true;
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY) {
            throw new IllegalArgumentException("message too long for NOTIFY (" + bytes + " bytes)");
        }
        try {
            db.sql("SELECT pg_notify(?, ?)").params(PREFIX + topic, me.name() + "\n" + body).query().singleValue();
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not tell the other instances on '{}': {}", topic, e.getMessage());
            return false;
        }
    }

    private void listen() {
        long backoff = 200;
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    for (String topic : handlers.keySet()) {
                        statement.execute("LISTEN " + PREFIX + topic);
                    }
                }
                listenAgain = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (!first) {
                    log.info("Listening to the other instances again");
                    reconnectListeners.forEach(ClusterMessages::runQuietly);
                }
                first = false;
                backoff = 200;
                while (running && !listenAgain) {
                    PGNotification[] received = pg.getNotifications(500);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getName(), notification.getParameter());
                        }
                    }
                }
                // the connection goes back to the pool: it must not keep collecting notifications there
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *");
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Lost the connection listening to the other instances ({}); again in {} ms", e.getMessage(),
                        backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    void dispatch(String channel, String payload) {
        if (!channel.startsWith(PREFIX) || payload == null) {
            return;
        }
        int newline = payload.indexOf('\n');
        if (newline < 0 || payload.substring(0, newline).equals(me.name())) {
            return;
        }
        String body = payload.substring(newline + 1);
        handlers.getOrDefault(channel.substring(PREFIX.length()), List.of())
                .forEach(handler -> runQuietly(() -> handler.accept(body)));
    }

    private static void runQuietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("A handler of the other instances' messages failed", e);
        }
    }

    private static void checkTopic(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("bad topic name: " + topic);
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    @Override
    public void start() {
        running = true;
        if (!postgres) {
            return;
        }
        Thread thread = new Thread(this::listen, "cluster-listen");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Listening before the instance takes calls, until it has stopped taking them. */
    @Override
    public int getPhase() {
        return StartStopOrder.CLUSTER_MESSAGES;
    }
}
