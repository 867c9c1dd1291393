package org.hotline12333.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal under a burst, when every connection of the pool is taken: here a pool of one, so that "all taken" is
 * a state the test can hold. Whoever holds a call's lock must already hold a connection; otherwise the threads
 * holding the connections wait for the lock, and the holder for a connection.
 */
class CallJournalTest {

    private HikariDataSource pool;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private CallJournal journal;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp() {
        pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:journal-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        pool.setMaximumPoolSize(1);
        jdbc = new JdbcTemplate(pool);
        jdbc.execute("CREATE TABLE change (call_id VARCHAR(36), what VARCHAR(32))");
        JdbcTransactionManager manager = new JdbcTransactionManager(pool);
        transactions = new TransactionTemplate(manager);
        // the beat is the test's to give: writeAll is called by hand
        journal = new CallJournal(manager, new CallJournalProperties(Duration.ofHours(1)));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        journal.stop();
        pool.close();
    }

    @Test
    void anAgentsStateChangeTakesItsCallsPendingChangesWhileTheJournalsWriterWaitsForAConnection() throws Exception {
        journal.add("call-1", () -> jdbc.update("INSERT INTO change VALUES ('call-1', 'queued')"));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch writerWaiting = new CountDownLatch(1);
        // the routing thread: the pool's only connection in hand, it stores an agent's state naming call-1
        CompletableFuture<Integer> seenInItsTransaction = CompletableFuture.supplyAsync(() ->
                transactions.execute(status -> {
                    jdbc.queryForObject("SELECT 1", Integer.class);
                    holding.countDown();
                    awaitQuietly(writerWaiting);
                    journal.writeWithin("call-1");
                    return jdbc.queryForObject("SELECT COUNT(*) FROM change WHERE call_id = 'call-1'", Integer.class);
                }), threads);
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> beat = CompletableFuture.runAsync(journal::writeAll, threads);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);
        writerWaiting.countDown();

        assertThat(seenInItsTransaction.get(30, TimeUnit.SECONDS))
                .as("the call's change committed with the agent's state, not left to the writer still waiting")
                .isEqualTo(1);
        beat.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change", Integer.class)).isEqualTo(1);
    }

    @Test
    void aChangeThatFailsInTheBatchLosesNoOther() {
        journal.add("call-1", () -> jdbc.update("INSERT INTO change VALUES ('call-1', 'queued')"));
        journal.add("call-2", () -> jdbc.update("INSERT INTO no_such_table VALUES (1)"));
        journal.add("call-3", () -> jdbc.update("INSERT INTO change VALUES ('call-3', 'connected')"));

        journal.writeAll();

        assertThat(jdbc.queryForList("SELECT call_id FROM change ORDER BY call_id", String.class))
                .containsExactly("call-1", "call-3");
    }

    @Test
    void aCallsChangesAreWrittenInTheOrderTheyHappenedWithItsEnd() {
        journal.add("call-1", () -> jdbc.update("INSERT INTO change VALUES ('call-1', 'queued')"));
        journal.add("call-1", () -> jdbc.update("UPDATE change SET what = 'connected' WHERE call_id = 'call-1'"));

        String end = journal.writeWith("call-1", () -> {
            jdbc.update("UPDATE change SET what = what || ', ended' WHERE call_id = 'call-1'");
            return "closed";
        });

        assertThat(end).isEqualTo("closed");
        assertThat(jdbc.queryForObject("SELECT what FROM change WHERE call_id = 'call-1'", String.class))
                .isEqualTo("connected, ended");
        journal.writeAll();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change", Integer.class)).isEqualTo(1);
    }

    @Test
    void theServiceStoppingWaitsForTheBatchBeingWrittenBeforeTheDatabaseCloses() throws Exception {
        CallJournal onItsBeat = new CallJournal(new JdbcTransactionManager(pool),
                new CallJournalProperties(Duration.ofMillis(10)));
        List<String> happened = new CopyOnWriteArrayList<>();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        onItsBeat.add("call-1", () -> {
            writing.countDown();
            awaitQuietly(release);
            jdbc.update("INSERT INTO change VALUES ('call-1', 'ended')");
            happened.add("batch written");
        });
        assertThat(writing.await(30, TimeUnit.SECONDS)).as("the writer took the batch").isTrue();

        Thread stopping = new Thread(() -> {
            try {
                onItsBeat.stop();
                happened.add("journal stopped");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> stopping.getState() == Thread.State.TIMED_WAITING
                || stopping.getState() == Thread.State.TERMINATED);
        release.countDown();
        stopping.join(30_000);

        assertThat(happened).containsExactly("batch written", "journal stopped");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("waited 30 s for the test's signal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
