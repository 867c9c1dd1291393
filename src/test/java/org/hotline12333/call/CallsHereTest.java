package org.hotline12333.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What this instance knows of its calls in progress, forgotten call by call as each ends. */
class CallsHereTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private final CallsHere here = new CallsHere();

    @Test
    void aCallsEndForgetsItsLegsAndItsAgentAndNoOtherCallsOnes() {
        here.opened("call-1", "13800138000");
        here.opened("call-2", "13900139000");
        here.legStarted(1, "call-1");
        here.legStarted(2, "call-1");
        here.legStarted(3, "call-2");
        here.connected("call-1", "A001", T0);
        here.connected("call-2", "A002", T0);

        here.closed("call-1");

        assertThat(here.journalKey(1)).isEqualTo("leg 1");
        assertThat(here.journalKey(2)).isEqualTo("leg 2");
        assertThat(here.journalKey(3)).isEqualTo("call-2");
        assertThat(here.agentConnected("13800138000", T0)).isEmpty();
        assertThat(here.agentConnected("13900139000", T0)).contains("A002");
    }

    @Test
    void aCallersEarlierCallEndingLeavesTheAgentOfTheirCallInProgress() {
        here.opened("earlier", "13800138000");
        here.opened("later", "13800138000");
        here.connected("earlier", "A001", T0);
        here.connected("later", "A002", T0.plusSeconds(60));

        here.closed("earlier");

        assertThat(here.agentConnected("13800138000", T0)).contains("A002");
    }
}
