package org.hotline12333.testkit;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A new in-memory H2 database with the service's schema (its migrations), set up as the service runs H2. */
public final class MigratedH2 {

    private MigratedH2() {
    }

    /** A database of its own, named after {@code purpose}, kept until the JVM ends. */
    public static DataSource create(String purpose) {
        DriverManagerDataSource data = new DriverManagerDataSource("jdbc:h2:mem:" + purpose + "-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        return data;
    }
}
