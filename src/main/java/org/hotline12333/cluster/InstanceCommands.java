package org.hotline12333.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.StartStopOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Requests run by another instance: the one holding the call a user acts on. The instance the user reached has
 * already authenticated them and checked their role; it writes the request as a row of {@code instance_command},
 * notifies the target ({@link ClusterMessages}), and waits for the answer in the same row. The target claims the row
 * (one conditional UPDATE), runs the handler registered for its kind, and writes the HTTP status and body the user
 * gets. A target that is down never answers: the sender gives up after {@code command-timeout} and marks the row
 * expired, so a late target cannot run it any more. Without notifications (H2, or one lost) both sides poll every
 * {@code command-poll}.
 *
 * <p>Why rows rather than an HTTP call between instances: no instance needs to know the others' addresses, no
 * second port, credential or TLS setup between them, the database they already trust carries it, and every forwarded
 * action stays on record with who asked for it.
 */
@Component
public class InstanceCommands implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceCommands.class);
    private static final String REQUESTS = "commands";
    private static final String ANSWERS = "command_answers";
    private static final int TEXT = 4000;

    private final JdbcClient db;
    private final ClusterMessages messages;
    private final ThisInstance me;
    private final ClusterProperties properties;
    private final Clock clock;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private volatile ExecutorService runner;
    private volatile ScheduledExecutorService poller;

    /** Runs one kind of request on the instance holding the call. */
    @FunctionalInterface
    public interface Handler {
        CommandReply handle(String payload, String requestedBy);
    }

    InstanceCommands(JdbcClient db, ClusterMessages messages, ThisInstance me, ClusterProperties properties,
                     Clock clock) {
        this.db = db;
        this.messages = messages;
        this.me = me;
        this.properties = properties;
        this.clock = clock;
        messages.subscribe(REQUESTS, body -> {
            if (body.startsWith(me.name() + "\n")) {
                runSoon(Long.parseLong(body.substring(me.name().length() + 1)));
            }
        });
        messages.subscribe(ANSWERS, body -> answered(Long.parseLong(body)));
    }

    /** Registers the handler of a kind of request (once per kind, usually from a constructor). */
    public void register(String kind, Handler handler) {
        if (handlers.putIfAbsent(kind, handler) != null) {
            throw new IllegalStateException("a handler of '" + kind + "' is already registered");
        }
    }

    /**
     * Has {@code target} run the request and returns its reply; 504 when it did not answer within the command
     * timeout (the request is then never run).
     */
    public CommandReply send(String target, String kind, String payload, String requestedBy) {
        if (payload.length() > TEXT) {
            throw new IllegalArgumentException("request too long to forward (" + payload.length() + " characters)");
        }
        Instant now = clock.instant();
        KeyHolder key = new GeneratedKeyHolder();
        db.sql("INSERT INTO instance_command (target, kind, payload, requested_by, sent_by, sent_at, expires_at, state)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'WAITING')")
                .params(target, kind, payload, truncate(requestedBy, 64), me.name(), ServiceInstances.ts(now),
                        ServiceInstances.ts(now.plus(properties.commandTimeout())))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.put(id, done);
        try {
            messages.publish(REQUESTS, target + "\n" + id);
            long deadline = System.nanoTime() + properties.commandTimeout().toNanos();
            while (System.nanoTime() < deadline) {
                Optional<CommandReply> reply = replyOf(id);
                if (reply.isPresent()) {
                    return reply.get();
                }
                long wait = Math.min(properties.commandPoll().toNanos(), deadline - System.nanoTime());
                try {
                    done.get(Math.max(1, wait), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // poll the row again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (db.sql("UPDATE instance_command SET state = 'EXPIRED', done_at = ? WHERE id = ? AND state = 'WAITING'")
                    .params(ServiceInstances.ts(clock.instant()), id).update() == 1) {
                log.warn("Instance '{}' did not take the '{}' request {} within {}", target, kind, id,
                        properties.commandTimeout());
                return CommandReply.problem(504, "instance '" + target + "', which holds the call, did not answer "
                        + "within " + properties.commandTimeout().toSeconds() + " s");
            }
            return awaitRunning(id, target, kind);
        } finally {
            waiting.remove(id);
        }
    }

    /** The target took the request just before the deadline: its answer is worth a little more patience. */
    private CommandReply awaitRunning(long id, String target, String kind) {
        long deadline = System.nanoTime() + properties.commandTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<CommandReply> reply = replyOf(id);
            if (reply.isPresent()) {
                return reply.get();
            }
            try {
                waiting.computeIfAbsent(id, k -> new CompletableFuture<>())
                        .get(properties.commandPoll().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return CommandReply.problem(504, "instance '" + target + "' took the '" + kind
                + "' request but has not answered");
    }

    private Optional<CommandReply> replyOf(long id) {
        return db.sql("SELECT status, result FROM instance_command WHERE id = ? AND state = 'DONE'").param(id)
                .query((rs, n) -> new CommandReply(rs.getInt(1), rs.getString(2))).optional();
    }

    private void answered(long id) {
        CompletableFuture<Void> done = waiting.get(id);
        if (done != null) {
            done.complete(null);
        }
    }

    private void runSoon(long id) {
        ExecutorService current = runner;
        if (current != null) {
            current.execute(() -> run(id));
        }
    }

    /** Claims and runs the request, once: whoever of the notification and the poll gets there first. */
    void run(long id) {
        Instant now = clock.instant();
        if (db.sql("UPDATE instance_command SET state = 'RUNNING' WHERE id = ? AND target = ? AND state = 'WAITING'"
                + " AND expires_at > ?").params(id, me.name(), ServiceInstances.ts(now)).update() != 1) {
            return;
        }
        Map<String, Object> row = db.sql("SELECT kind, payload, requested_by FROM instance_command WHERE id = ?")
                .param(id).query().singleRow();
        String kind = (String) row.get("kind");
        CommandReply reply;
        Handler handler = handlers.get(kind);
        if (handler == null) {
            reply = CommandReply.problem(501, "instance '" + me.name() + "' cannot run '" + kind + "' requests");
        } else {
            try {
                reply = handler.handle((String) row.get("payload"), (String) row.get("requested_by"));
            } catch (RuntimeException e) {
                log.error("Forwarded '{}' request {} failed", kind, id, e);
                reply = CommandReply.problem(500, "the request failed on instance '" + me.name() + "': "
                        + e.getClass().getSimpleName());
            }
        }
        db.sql("UPDATE instance_command SET state = 'DONE', status = ?, result = ?, done_at = ? WHERE id = ?")
                .params(reply.status(), truncate(reply.body(), TEXT), ServiceInstances.ts(clock.instant()), id)
                .update();
        log.info("Ran '{}' request {} from {} for {}: {}", kind, id, row.get("requested_by"), me.name(),
                reply.status());
        messages.publish(ANSWERS, Long.toString(id));
    }

    /** Requests for this instance whose notification never came. */
    private void poll() {
        try {
            List<Long> due = db.sql("SELECT id FROM instance_command WHERE target = ? AND state = 'WAITING'"
                    + " ORDER BY id").param(me.name()).query(Long.class).list();
            due.forEach(this::runSoon);
            waiting.values().forEach(done -> done.complete(null));
        } catch (RuntimeException e) {
            log.warn("Could not look for forwarded requests: {}", e.getMessage());
        }
    }

    /** Forwarded requests older than a day are history: dropped. */
    void forgetOld() {
        db.sql("DELETE FROM instance_command WHERE sent_at < ?")
                .param(ServiceInstances.ts(clock.instant().minus(Duration.ofDays(1)))).update();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }


    @Override
    public void start() {
        AtomicInteger threads = new AtomicInteger();
        runner = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "cluster-command-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cluster-command-poll");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(10, properties.commandPoll().toMillis());
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::forgetOld, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        for (ExecutorService executor : new ExecutorService[] {poller, runner}) {
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    @Override
    public boolean isRunning() {
        ExecutorService current = runner;
        return current != null && !current.isShutdown();
    }

    @Override
    public int getPhase() {
        return StartStopOrder.FORWARDED_REQUESTS;
    }
}
