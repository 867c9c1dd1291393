package org.hotline12333.testkit;

import java.util.Arrays;
import java.util.stream.Stream;
import org.hotline12333.HotlineApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole service instance on a real PostgreSQL database ({@link PostgresServer}), with the test kit and the shared
 * Asterisk and SMSC stand-ins, as production runs it: profile {@code postgres} (its migrations, Quartz's clustered JDBC job
 * store). The caller closes it, unless it is one of the {@link #shared() shared pair}.
 */
public final class PostgresInstance {

    private static Pair shared;

    private PostgresInstance() {
    }

    /** Two instances of the service sharing one database, at {@code url}. */
    public record Pair(ConfigurableApplicationContext first, ConfigurableApplicationContext second, String url) {
    }

    /**
     * Two instances ({@code pg-a} and {@code pg-b}) on one database, started on first use and shared by every test
     * class that needs the service on PostgreSQL (cases, quality, routing): each keeps to data of its own, and resets
     * the clocks it sets. They are closed at exit, before the server stops.
     */
    public static synchronized Pair shared() {
        if (shared == null) {
            String url = PostgresServer.shared().createDatabase("hotline_shared");
            // a Quartz firing another instance unblocked is picked up within a second here (30 s by default)
            String idle = "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000";
            ConfigurableApplicationContext first = start("pg-a", url, idle);
            ConfigurableApplicationContext second = start("pg-b", url, idle);
            PostgresServer.shared().beforeStop(() -> {
                second.close();
                first.close();
            });
            shared = new Pair(first, second, url);
        }
        return shared;
    }

    /**
     * Starts an instance named {@code name} on the database at {@code url} (user postgres, no password), with any
     * further {@code --key=value} arguments.
     */
    private static ConfigurableApplicationContext start(String name, String url, String... more) {
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
                        "--hotline.asterisk.nodes[0].secret=" + StandInAsterisk.SECRET,
                        // where the stand-in's MixMonitor writes (TestKitConfiguration's registrar serves tests only)
                        "--hotline.asterisk.nodes[0].recordings-path=" + StandInAsterisk.RECORDINGS_PATH,
                        "--hotline.recordings.directory=" + StandInAsterisk.recordingsRoot(),
                        "--hotline.outreach.sms.enabled=true",
                        "--hotline.outreach.sms.host=127.0.0.1",
                        "--hotline.outreach.sms.port=" + SmscStandIn.shared().port(),
                        "--hotline.outreach.sms.system-id=" + SmscStandIn.SYSTEM_ID,
                        "--hotline.outreach.sms.password=" + SmscStandIn.PASSWORD), Arrays.stream(more))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(HotlineApplication.class, TestKitConfiguration.class)
                .profiles("test", "postgres")
                .registerShutdownHook(false)
                .run(arguments);
    }
}
