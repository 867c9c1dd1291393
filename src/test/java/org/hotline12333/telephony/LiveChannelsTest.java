package org.hotline12333.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live picture across an AMI reconnect: the node's list of channels replaces what was known, except what happened
 * while the node was being asked, which the list is too old to know.
 */
class LiveChannelsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");

    private final LiveChannels live = new LiveChannels();

    @Test
    void theListReplacesWhatWasMissedWhileDisconnected() {
        live.apply(created("1.1"));
        live.apply(new PbxEvent.ChannelsListing("central", T0, true));
        live.apply(new PbxEvent.ChannelsResynced("central", T0, List.of(channel("1.2"))));

        assertThat(live.on("central")).extracting(LiveChannel::uniqueId).containsExactly("1.2");
    }

    @Test
    void aChannelCreatedWhileTheNodeWasAskedStays() {
        live.apply(new PbxEvent.ChannelsListing("central", T0, true));
        live.apply(created("1.7"));
        live.apply(new PbxEvent.ChannelsResynced("central", T0, List.of(channel("1.2"))));

        assertThat(live.on("central")).extracting(LiveChannel::uniqueId).containsExactlyInAnyOrder("1.2", "1.7");
    }

    @Test
    void aChannelHungUpWhileTheNodeWasAskedIsNotBroughtBack() {
        live.apply(created("1.2"));
        live.apply(new PbxEvent.ChannelsListing("central", T0, true));
        live.apply(new PbxEvent.ChannelHungUp("central", T0, "1.2", "1.2", "PJSIP/trunk-1.2", 16, "Normal Clearing"));
        live.apply(new PbxEvent.ChannelsResynced("central", T0, List.of(channel("1.2"), channel("1.3"))));

        assertThat(live.on("central")).extracting(LiveChannel::uniqueId).containsExactly("1.3");
    }

    @Test
    void afterAListingThatGotNoAnswerChannelsAreKeptAsEventsSay() {
        live.apply(new PbxEvent.ChannelsListing("central", T0, true));
        live.apply(new PbxEvent.ChannelsListing("central", T0, false));
        live.apply(created("1.4"));
        live.apply(new PbxEvent.ChannelsListing("central", T0, true));
        live.apply(new PbxEvent.ChannelsResynced("central", T0, List.of()));

        assertThat(live.on("central")).as("1.4 was created before the second listing: the list is newer").isEmpty();
    }

    private static PbxEvent.ChannelCreated created(String uniqueId) {
        return new PbxEvent.ChannelCreated("central", T0, uniqueId, uniqueId, "PJSIP/trunk-" + uniqueId, "13700001234",
                "from-trunk", "12333");
    }

    private static LiveChannel channel(String uniqueId) {
        return new LiveChannel("central", uniqueId, uniqueId, "PJSIP/trunk-" + uniqueId, "13700001234", false, null, T0);
    }
}
