package org.hotline12333.supervision;

import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.hotline12333.testkit.PostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The same scripted day on a real PostgreSQL (the production database), migrated by the service's own Flyway
 * scripts: the figures' SQL must count the same there as on H2.
 */
class FiguresOnPostgresTest {

    @Test
    void theScriptedDaysFiguresAreTheSameOnPostgresql() throws Exception {
        String url = PostgresServer.shared().createDatabase("hotline_figures");
        SimpleDriverDataSource data = new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        JdbcClient db = JdbcClient.create(data);
        ScriptedDay.insert(db);
        FigureQueries figures = new FigureQueries(data, Duration.ofSeconds(15), Duration.ofSeconds(5), 0.95,
                ScriptedDay.BEIJING, () -> { }); // no service here: no call journal to write first

        HandComputed.dayFigures(figures.of(ScriptedDay.DAY, ScriptedDay.at(ScriptedDay.DAY.plusDays(2), "00:00:00")));
        HandComputed.noonWindow(figures.of(ScriptedDay.DAY, ScriptedDay.at(ScriptedDay.DAY, "12:00:00")));
    }
}
