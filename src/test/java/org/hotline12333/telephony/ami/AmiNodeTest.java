package org.hotline12333.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline12333.telephony.AsteriskProperties;
import org.hotline12333.testkit.AmiStandIn;
import org.junit.jupiter.api.Test;

/** One node's connection, on its own: what supervisors are told when it goes down, and when they are not. */
class AmiNodeTest {

    @Test
    void aNodeStoppedWhileItsLoginWaitsForAnAnswerIsNotReportedDown() throws Exception {
        List<String> reported = new CopyOnWriteArrayList<>();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (AmiStandIn mute = AmiStandIn.start("hotline", "secret")) {
            mute.answerLogins(false);
            // a login timeout longer than the test: only stopping ends the wait
            AsteriskProperties timing = new AsteriskProperties(List.of(), Duration.ofSeconds(1),
                    Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(20));
            AmiNode node = new AmiNode(new AsteriskProperties.Node("district-east", "127.0.0.1", mute.port(),
                    "hotline", "secret", null), timing, scheduler, Clock.systemUTC(), event -> { }, reported::add);
            node.start();
            await().until(() -> !mute.actions("Challenge").isEmpty());

            // as the service stops: the node, then its threads, which interrupts the login's wait
            node.stop();
            scheduler.shutdownNow();

            assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(reported).as("alerts raised for the node").isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
