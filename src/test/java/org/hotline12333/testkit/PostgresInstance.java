package org.hotline12333.testkit;

import java.util.Arrays;
import java.util.stream.Stream;
import org.hotline12333.HotlineApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole service instance on a real PostgreSQL database ({@link PostgresServer}), with the test kit and the shared
 * Asterisk stand-in, as production runs it: profile {@code postgres} (its migrations, Quartz's clustered JDBC job
 * store). The caller closes it.
 */
public final class PostgresInstance {

    private PostgresInstance() {
    }

    /**
     * Starts an instance named {@code name} on the database at {@code url} (user postgres, no password), with any
     * further {@code --key=value} arguments.
     */
    public static ConfigurableApplicationContext start(String name, String url, String... more) {
        // arguments, not default properties: they must win over application.yml and the test profile
        String[] arguments = Stream.concat(Stream.of("--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--server.port=0",
                        "--hotline.calls.instance-name=" + name,
                        "--hotline.asterisk.nodes[0].name=" + StandInAsterisk.NODE,
                        "--hotline.asterisk.nodes[0].host=127.0.0.1",
                        "--hotline.asterisk.nodes[0].port=" + StandInAsterisk.ami().port(),
                        "--hotline.asterisk.nodes[0].username=" + StandInAsterisk.USERNAME,
                        "--hotline.asterisk.nodes[0].secret=" + StandInAsterisk.SECRET), Arrays.stream(more))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(HotlineApplication.class, TestKitConfiguration.class)
                .profiles("test", "postgres")
                .run(arguments);
    }
}
