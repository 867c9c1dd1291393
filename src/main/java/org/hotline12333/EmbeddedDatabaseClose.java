package org.hotline12333;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Closes an embedded H2 file database (the one the service ships with) when the service stops, after everything that
 * writes to it has stopped and before its connection pool closes. H2 writes committed changes to its file in the
 * background, half a second later; it writes the rest when its last connection closes. The pool does not close a
 * connection a worker still holds at that moment (H2's {@code abort} does nothing), so without this the database
 * stays open, the JVM exits, and the last half second of commits (a call's start and end, say) is lost. H2's
 * {@code SHUTDOWN} closes it whoever still holds a connection; such a worker's uncommitted work is lost either way.
 * In-memory and remote (tcp, ssl) H2 databases are left alone: other processes or contexts may still use them.
 */
@Component
class EmbeddedDatabaseClose implements DestructionAwareBeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseClose.class);
    /** H2's ErrorCode.DATABASE_IS_CLOSED (H2 is a runtime dependency only). */
    private static final int DATABASE_IS_CLOSED = 90121;

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean instanceof HikariDataSource;
    }

    /** Spring calls this once every bean using the data source is destroyed, before the pool itself closes. */
    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && isEmbeddedFile(pool.getJdbcUrl())) {
            close(pool);
        }
    }

    private static void close(HikariDataSource pool) {
        HikariPoolMXBean connections = pool.getHikariPoolMXBean();
        if (connections != null && connections.getActiveConnections() > 0) {
            log.warn("{} database connection(s) still in use as the service stops, by work that did not finish; "
                    + "closing the database anyway (what they had not committed is lost)",
                    connections.getActiveConnections());
        }
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException e) {
            // giving the connection back is refused once the database is shut down: it is closed all the same
            if (e.getErrorCode() != DATABASE_IS_CLOSED) {
                log.warn("Could not close the database as the service stops: {}", e.getMessage());
                return;
            }
        }
        log.info("Closed the database {}", pool.getJdbcUrl());
    }

    static boolean isEmbeddedFile(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = lower.substring("jdbc:h2:".length());
        return !rest.startsWith("mem:") && !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
    }
}
