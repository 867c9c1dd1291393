package org.hotline12333.telephony.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.hotline12333.telephony.LiveChannel;
import org.hotline12333.telephony.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node is asked right after each (re)login, so that nothing missed while AMI was away lingers: the channels
 * that exist now (CoreShowChannels), and every phone's device state now (DeviceStateList: a phone that never
 * registered is UNAVAILABLE). The device states come as ordinary DeviceStateChange events and take the same way as
 * live ones, so agents' reachability starts from what Asterisk says rather than from what was last seen.
 */
final class AfterLogin implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AfterLogin.class);

    private final String node;
    private final ManagerConnection connection;
    private final Duration timeout;
    private final Clock clock;
    private final Consumer<PbxEvent> events;
    private final BooleanSupplier stillCurrent;
    private final Function<Throwable, String> describe;

    AfterLogin(String node, ManagerConnection connection, Duration timeout, Clock clock, Consumer<PbxEvent> events,
               BooleanSupplier stillCurrent, Function<Throwable, String> describe) {
        this.node = node;
        this.clock = clock;
        this.connection = connection;
        this.timeout = timeout;
        this.events = events;
        this.stillCurrent = stillCurrent;
        this.describe = describe;
    }

    @Override
    public void run() {
        readChannels();
        readDeviceStates();
    }

    private void readChannels() {
        events.accept(new PbxEvent.ChannelsListing(node, clock.instant(), true));
        try {
            ResponseEvents answer = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), timeout.toMillis());
            Instant now = clock.instant();
            List<LiveChannel> channels = new ArrayList<>();
            for (ResponseEvent event : answer.getEvents()) {
                if (event instanceof CoreShowChannelEvent channel) {
                    channels.add(AmiEvents.liveChannel(node, channel, now));
                }
            }
            if (!stillCurrent.getAsBoolean()) {
                events.accept(new PbxEvent.ChannelsListing(node, now, false));
                return;
            }
            events.accept(new PbxEvent.ChannelsResynced(node, now, List.copyOf(channels)));
            log.info("AMI node {}: {} channel(s) in progress after (re)connecting", node, channels.size());
        } catch (IOException | TimeoutException | RuntimeException e) {
            events.accept(new PbxEvent.ChannelsListing(node, clock.instant(), false));
            log.warn("AMI node {}: could not list channels after connecting ({}); the live picture may miss calls "
                    + "until they end", node, describe.apply(e));
        }
    }

    private void readDeviceStates() {
        try {
            ResponseEvents answer = connection.sendEventGeneratingAction(new DeviceStateListAction(), timeout.toMillis());
            int listed = answer.getEvents().stream()
                    .filter(DeviceStateListAction.DeviceStateListCompleteEvent.class::isInstance)
                    .map(e -> ((DeviceStateListAction.DeviceStateListCompleteEvent) e).getListItems())
                    .filter(Objects::nonNull).findFirst().orElse(0);
            log.info("AMI node {}: {} device state(s) read after (re)connecting", node, listed);
        } catch (IOException | TimeoutException | RuntimeException e) {
            log.warn("AMI node {}: could not read device states after connecting ({}); agents' phones count as "
                    + "reachable as last seen until they change state", node, describe.apply(e));
        }
    }
}
