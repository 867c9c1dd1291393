package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallStarted;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A caller guessing another person's self-service PIN over several calls: three tries per call, and five wrong PINs
 * for one ID number across calls lock it for an hour, even against the right PIN. Supervisors are alerted with the
 * ID number masked; the owner gets in again once the lock is over.
 */
@HotlineTest
class CallerPinLockoutTest {

    /** A demo person (docs/ivr.md) no other test guesses at. */
    static final String ID = "310105197006151283";
    static final String PIN = "888888";

    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    TestClock clock;
    @Autowired
    Alerts alerts;
    @Autowired
    IvrPaths paths;
    @Autowired
    RecordedEvents events;

    /** Monday morning (the menu is open), in the past: nothing in the shared service remembers a time to come. */
    final Instant monday = ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant();

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void fiveWrongPinsAcrossCallsLockTheIdNumberUntilTheLockEnds() {
        clock.set(monday);
        SimulatedCall first = query(ID, "000001", ID, "000002", ID, "000003");
        assertThat(first.played().stream().filter("hotline/verify-failed"::equals)).hasSize(2);
        assertThat(first.played()).contains("hotline/verify-too-many");

        // two more on the next call: the fifth locks, and the caller is put through at once, not asked again
        SimulatedCall second = query(ID, "000004", ID, "000005");
        assertThat(second.played().stream().filter("hotline/enter-pin"::equals)).hasSize(2);
        assertThat(second.played()).containsSubsequence("hotline/verify-failed", "hotline/enter-id-number",
                "hotline/enter-pin", "hotline/verify-too-many");

        // the right PIN is not even checked while the lock lasts
        SimulatedCall owner = query(ID, PIN);
        assertThat(owner.played()).contains("hotline/verify-too-many").doesNotContain("hotline/pension-months-paid");
        assertThat(pathOf(owner)).extracting(IvrStep::result)
                .contains("not verified: locked after too many wrong PINs for this ID number");
        assertThat(alerts.open(500)).filteredOn(a -> a.subject().equals("caller-pin 310105********1283"))
                .singleElement().satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(AlertKind.SECURITY);
                    assertThat(a.message()).contains("after 5 wrong PINs").doesNotContain(ID);
                });

        clock.set(monday.plus(Duration.ofMinutes(61)));
        SimulatedCall later = query(ID, PIN);
        assertThat(later.played()).contains("hotline/pension-months-paid");
    }

    /**
     * Self-service pension query (5, 1) with ID and PIN pairs; the caller hangs up at the end of either way. The
     * caller ID is withheld, so that no callback is left behind for other tests' agents.
     */
    private SimulatedCall query(String... idsAndPins) {
        AgiStandIn caller = AgiStandIn.call(agiPort).script("ivr?menu=12333").from("anonymous").keys("5").keys("1");
        for (String keys : idsAndPins) {
            caller.keys(keys);
        }
        return caller.hangUpDuring(command -> command.contains("hotline/verify-too-many")
                || command.contains("hotline/after-query")).start().awaitEnd();
    }

    private java.util.List<IvrStep> pathOf(SimulatedCall session) {
        String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        return paths.of(callId);
    }
}
