package org.hotline12333.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline12333.telephony.PbxEvent;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

/**
 * AMI events from the stand-in into the service: how many per second the service takes in (parsed by
 * asterisk-java, applied to the live picture, published to every feature that listens), and how far behind it
 * falls at ten times a busy centre's rate.
 *
 * <p>A busy centre: 2,000 calls at once, four minutes each, about 30 AMI events per call (channels, states, dials,
 * bridges, hang-ups of both legs, device states): 2000 / 240 s × 30 = 250 events/s. Ten times that is 2,500/s.
 */
@Tag("benchmark")
@HotlineTest
@Import(AmiThroughputBenchmark.Counting.class)
// the shipped keepalive, not the tests' 1 s: a Ping's answer queues behind the whole burst in the socket, and a test
// profile's timeout would take the node for dead (and lose the rest of the burst) on a loaded machine
@TestPropertySource(properties = {"hotline.asterisk.action-timeout=5s", "hotline.asterisk.keepalive-interval=20s"})
class AmiThroughputBenchmark {

    static final int BURST_CALLS = Integer.getInteger("bench.ami.calls", 50_000);
    /**
     * Calls sent flat out before the measured burst, not measured: a service that has run for a while has its AMI
     * path compiled by the JIT, and a month-end peak meets such a service, not one just started.
     */
    static final int WARM_UP_CALLS = Integer.getInteger("bench.ami.warm-up-calls", 60_000);
    static final int BUSY_CENTRE_EVENTS_PER_S = 250;
    static final int PACED_SECONDS = 10;

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {
        @Bean
        EventCounter eventCounter() {
            return new EventCounter();
        }
    }

    /** Counts channel events as they reach the application and when each one was sent (its uniqueid says). */
    static class EventCounter {
        final AtomicLong seen = new AtomicLong();
        final Map<String, Long> lagNanos = new ConcurrentHashMap<>();

        @EventListener
        void on(PbxEvent.ChannelCreated created) {
            count(created.uniqueId());
        }

        @EventListener
        void on(PbxEvent.ChannelHungUp hungUp) {
            count(hungUp.uniqueId());
        }

        private void count(String uniqueId) {
            long now = System.nanoTime();
            seen.incrementAndGet();
            int dash = uniqueId.indexOf('-');
            if (uniqueId.startsWith("paced") && dash > 0) {
                lagNanos.merge(uniqueId, now - Long.parseLong(uniqueId.substring(dash + 1)), Math::max);
            }
        }
    }

    @Autowired
    EventCounter counter;

    @Test
    void eventsPerSecondAndLagAtTenTimesABusyCentre() throws Exception {
        AmiStandIn ami = StandInAsterisk.ami();
        ami.awaitLogins(1);

        double coldEventsPerSecond = burst(ami, "warm", WARM_UP_CALLS);
        double eventsPerSecond = burst(ami, "burst", BURST_CALLS);

        // paced at ten times a busy centre, every event stamped with when it was sent
        int perSecond = BUSY_CENTRE_EVENTS_PER_S * 10;
        long pacedStart = System.nanoTime();
        for (int i = 0; i < perSecond * PACED_SECONDS / 2; i++) {
            long due = pacedStart + (long) (i * 2 * 1e9 / perSecond);
            // parked, not spinning: a spinning sender would take one of the two cores from the service it measures
            while (System.nanoTime() < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
            }
            ami.sendRaw(channelEvents("paced" + i + "-" + System.nanoTime()));
        }
        int pacedCalls = perSecond * PACED_SECONDS / 2;
        Thread.sleep(2000);
        List<Long> lags = new ArrayList<>(counter.lagNanos.values());
        Percentiles lag = new Percentiles(lags);
        if (lag.count() != pacedCalls) {
            throw new AssertionError("only " + lag.count() + " of " + pacedCalls + " paced calls reached the service");
        }

        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("ami_events_per_s", Math.round(eventsPerSecond));
        figures.put("ami_events_per_s_cold", Math.round(coldEventsPerSecond));
        figures.put("ami_busy_centre_events_per_s", BUSY_CENTRE_EVENTS_PER_S);
        figures.put("ami_lag_p50_ms_at_10x", Math.round(lag.millis(50) * 100) / 100.0);
        figures.put("ami_lag_p99_ms_at_10x", Math.round(lag.millis(99) * 100) / 100.0);
        figures.put("ami_lag_max_ms_at_10x", Math.round(lag.millis(100) * 100) / 100.0);
        figures.put("ami_paced_calls_seen", lag.count());
        BenchResults.record(figures);
        System.out.println("AMI: " + figures);
    }

    /**
     * Sends a Newchannel and a Hangup for each of {@code calls} calls flat out (written as fast as the socket takes
     * them) and waits until every one has reached the application: events per second, from the first byte sent.
     */
    private double burst(AmiStandIn ami, String name, int calls) throws InterruptedException {
        long before = counter.seen.get();
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < calls; i++) {
            burst.append(channelEvents(name + i));
        }
        String text = burst.toString();
        long start = System.nanoTime();
        ami.sendRaw(text);
        long expected = before + 2L * calls;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (counter.seen.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + (counter.seen.get() - before) + " of " + 2L * calls
                        + " events arrived within two minutes");
            }
            Thread.sleep(1);
        }
        return 2.0 * calls / ((System.nanoTime() - start) / 1e9);
    }

    private static String channelEvents(String uniqueId) {
        String channel = "PJSIP/carrier-" + Integer.toHexString(uniqueId.hashCode());
        return "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: " + channel + "\r\nChannelState: 4\r\n"
                + "ChannelStateDesc: Ring\r\nCallerIDNum: 13800138000\r\nCallerIDName: <unknown>\r\nLanguage: zh\r\n"
                + "Context: from-carrier\r\nExten: 12333\r\nPriority: 1\r\nUniqueid: " + uniqueId + "\r\nLinkedid: "
                + uniqueId + "\r\n\r\n"
                + "Event: Hangup\r\nPrivilege: call,all\r\nChannel: " + channel + "\r\nChannelState: 6\r\n"
                + "ChannelStateDesc: Up\r\nCallerIDNum: 13800138000\r\nUniqueid: " + uniqueId + "\r\nLinkedid: "
                + uniqueId + "\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n\r\n";
    }
}
