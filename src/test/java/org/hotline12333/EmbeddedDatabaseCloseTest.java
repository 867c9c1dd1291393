package org.hotline12333;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The service stops while a worker still holds a database connection (a recording closer raising its alert, say):
 * the calls written just before are on disk once the process is gone.
 */
class EmbeddedDatabaseCloseTest {

    @Test
    void whatWasCommittedJustBeforeTheStopIsOnDiskAfterTheProcessExits(@TempDir Path dir) throws Exception {
        // H2 would write the commits to its file a minute later
        String url = "jdbc:h2:file:" + dir.resolve("hotline") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=60000";
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StopsWithAConnectionHeld.class.getName(), url)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child has ended").isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isZero();

        try (Connection db = DriverManager.getConnection(url, "sa", "");
             ResultSet calls = db.createStatement().executeQuery("select count(*) from calls")) {
            calls.next();
            assertThat(calls.getInt(1)).as("calls written before the stop").isEqualTo(3);
        }
    }

    @Test
    void anInMemoryDatabaseOthersMayStillUseIsLeftOpen() throws Exception {
        String url = "jdbc:h2:mem:close-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (AnnotationConfigApplicationContext context = StopsWithAConnectionHeld.context(url)) {
            writeThreeCalls(context.getBean(HikariDataSource.class));
        }
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             ResultSet calls = db.createStatement().executeQuery("select count(*) from calls")) {
            calls.next();
            assertThat(calls.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void onlyAnEmbeddedFileDatabaseIsClosed() {
        assertThat(EmbeddedDatabaseClose.isEmbeddedFile(
                "jdbc:h2:file:./data/hotline;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE")).isTrue();
        assertThat(EmbeddedDatabaseClose.isEmbeddedFile("jdbc:h2:./data/hotline")).isTrue();
        assertThat(EmbeddedDatabaseClose.isEmbeddedFile("jdbc:h2:~/hotline")).isTrue();
        assertThat(EmbeddedDatabaseClose.isEmbeddedFile("jdbc:h2:mem:hotline;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(EmbeddedDatabaseClose.isEmbeddedFile("jdbc:h2:tcp://db.example:9092/hotline")).isFalse();
        assertThat(EmbeddedDatabaseClose.isEmbeddedFile("jdbc:h2:ssl://db.example/hotline")).isFalse();
        assertThat(EmbeddedDatabaseClose.isEmbeddedFile("jdbc:postgresql://localhost/hotline")).isFalse();
    }

    private static void writeThreeCalls(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table calls (id int primary key)");
            // on disk from here on, as a service's schema is long before it stops
            statement.execute("checkpoint");
            statement.execute("insert into calls values (1), (2)");
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into calls values (3)");
        }
    }

    /**
     * The child: a Spring context with the pool and {@link EmbeddedDatabaseClose}, three calls written, a connection
     * left in use by a worker, then the context closed and the process ended. The service's context closes in a
     * shutdown hook beside H2's own, which writes out only what was committed when the JVM began to exit (the
     * service then still has calls to end); halting right after the close stands for that: after it, nothing but
     * closing the database puts the last commits on disk.
     */
    static final class StopsWithAConnectionHeld {

        public static void main(String[] args) throws Exception {
            AnnotationConfigApplicationContext context = context(args[0]);
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            writeThreeCalls(pool);
            pool.getConnection(); // a worker's, never given back
            context.close();
            Runtime.getRuntime().halt(0);
        }

        static AnnotationConfigApplicationContext context(String url) {
            AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
            context.registerBean(EmbeddedDatabaseClose.class);
            context.registerBean(HikariDataSource.class, () -> {
                HikariDataSource pool = new HikariDataSource();
                pool.setJdbcUrl(url);
                pool.setUsername("sa");
                pool.setPassword("");
                return pool;
            });
            context.refresh();
            return context;
        }
    }
}
