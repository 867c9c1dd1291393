package org.hotline12333.telephony.ami;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.asteriskjava.manager.action.RedirectAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.hotline12333.StartStopOrder;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.telephony.AsteriskProperties;
import org.hotline12333.telephony.LiveChannels;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.hotline12333.telephony.PbxEvent;
import org.hotline12333.telephony.RecordingFiles;
import org.hotline12333.telephony.SpyMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * All AMI connections, one per configured node, and the {@link PbxActions} carried over them. Events from a node
 * update the {@link LiveChannels} first and are then published, in the order the node sent them.
 */
@Component
class AmiConnections implements PbxActions, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AmiConnections.class);

    private final AsteriskProperties properties;
    private final LiveChannels liveChannels;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final Alerts alerts;
    private volatile Map<String, AmiNode> nodes = Map.of();
    private volatile Map<String, ExecutorService> publishers = Map.of();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean running;

    private final Timer lag;

    AmiConnections(AsteriskProperties properties, LiveChannels liveChannels, ApplicationEventPublisher publisher,
                   Alerts alerts, Environment environment, Clock clock, MeterRegistry meters) {
        AmiSecrets.check(properties.nodes(), environment);
        this.clock = clock;
        this.properties = properties;
        this.alerts = alerts;
        this.liveChannels = liveChannels;
        this.publisher = publisher;
        this.lag = AmiMetrics.lag(meters);
    }

    /**
     * Runs on asterisk-java's event thread, which must never fall behind: its queue holds 20,000 events and drops
     * the rest. So only the live picture is updated here; listeners get the event on the node's own publisher
     * thread, in the order the node sent them.
     */
    private void deliver(PbxEvent event) {
        liveChannels.apply(event);
        ExecutorService node = publishers.get(event.node());
        if (node == null) {
            return;
        }
        try {
            node.execute(() -> publish(event));
        } catch (RejectedExecutionException stopping) {
            log.debug("Not publishing {} from AMI node {}: stopping", event.getClass().getSimpleName(), event.node());
        }
    }

    private void publish(PbxEvent event) {
        // the event's time is when asterisk-java handed it to this node, on the same clock
        lag.record(Math.max(0, clock.millis() - event.at().toEpochMilli()), TimeUnit.MILLISECONDS);
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            log.error("A listener failed on {} from AMI node {}; AMI goes on", event.getClass().getSimpleName(),
                    event.node(), e);
        }
    }

    /** Events received but not yet handed to listeners, all nodes together. */
    int backlog() {
        return publishers.values().stream().mapToInt(p -> ((ThreadPoolExecutor) p).getQueue().size()).sum();
    }

    Collection<AmiNode> nodes() {
        return nodes.values();
    }

    boolean isUp(String node) {
        AmiNode amiNode = nodes.get(node);
        return amiNode != null && amiNode.state().up();
    }

    @Override
    public void start() {
        if (properties.nodes().isEmpty()) {
            log.warn("No Asterisk nodes configured (hotline.asterisk.nodes): no AMI, so no live picture and no "
                    + "supervisor actions");
        }
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(Math.max(2, properties.nodes().size() + 1), task -> {
            Thread thread = new Thread(task, "ami-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Map<String, AmiNode> started = new LinkedHashMap<>();
        Map<String, ExecutorService> publishing = new LinkedHashMap<>();
        for (AsteriskProperties.Node node : properties.nodes()) {
            publishing.put(node.name(), new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    task -> {
                        Thread thread = new Thread(task, "ami-events-" + node.name());
                        thread.setDaemon(true);
                        return thread;
                    }));
            started.put(node.name(), new AmiNode(node, properties, scheduler, clock, this::deliver,
                    reason -> alerts.raise(AlertKind.NODE_DOWN, node.name(), "Asterisk node " + node.name()
                            + " is unreachable over AMI: " + reason + ". Live picture and supervisor actions on it "
                            + "are unavailable until it is back.")));
        }
        nodes = started;
        publishers = publishing;
        started.values().forEach(AmiNode::start);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        nodes.values().forEach(AmiNode::stop);
        scheduler.shutdownNow();
        publishers.values().forEach(ExecutorService::shutdown);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.AMI;
    }

    @Override
    public void originateToExtension(String node, String endpoint, String context, String extension, String callerId,
                                     Duration ringTimeout, Map<String, String> variables) {
        OriginateAction originate = originate(endpoint, callerId, ringTimeout, variables);
        originate.setContext(context);
        originate.setExten(extension);
        originate.setPriority(1);
        send(node, originate, "Originate " + endpoint + " to " + extension + "@" + context);
    }

    @Override
    public void originateToExtension(String node, String endpoint, String context, String extension, String callerId,
                                     Duration ringTimeout, Map<String, String> variables, String channelId) {
        OriginateAction originate = originate(endpoint, callerId, ringTimeout, variables);
        originate.setContext(context);
        originate.setExten(extension);
        originate.setPriority(1);
        originate.setChannelId(channelId);
        send(node, originate, "Originate " + endpoint + " to " + extension + "@" + context);
    }

    @Override
    public void originateToApplication(String node, String endpoint, String application, String data,
                                       String callerId, Duration ringTimeout, Map<String, String> variables) {
        originateToApplication(node, endpoint, application, data, callerId, ringTimeout, variables, null);
    }

    private void originateToApplication(String node, String endpoint, String application, String data,
                                        String callerId, Duration ringTimeout, Map<String, String> variables,
                                        String channelId) {
        OriginateAction originate = originate(endpoint, callerId, ringTimeout, variables);
        originate.setApplication(application);
        originate.setData(data);
        if (channelId != null) {
            originate.setChannelId(channelId);
        }
        send(node, originate, "Originate " + endpoint + " to " + application);
    }

    @Override
    public void spy(String node, String supervisorEndpoint, String spiedChannel, SpyMode mode) {
        spy(node, supervisorEndpoint, spiedChannel, mode, null);
    }

    /**
     * ChanSpy options: q (no beep or name announcement), E (end when the spied channel hangs up), d (the supervisor
     * may switch mode with keys 4 listen / 5 whisper / 6 barge), then w (whisper) or B (barge). With a channel id the
     * supervisor's channel gets it as unique id (Originate's ChannelId, Asterisk 12 and later).
     */
    @Override
    public void spy(String node, String supervisorEndpoint, String spiedChannel, SpyMode mode, String spyChannelId) {
        String options = switch (mode) {
            case LISTEN -> "qEd";
            case WHISPER -> "qEdw";
            case BARGE -> "qEdB";
        };
        originateToApplication(node, supervisorEndpoint, "ChanSpy", spiedChannel + "," + options, "Monitor",
                Duration.ofSeconds(30), Map.of(), spyChannelId);
    }

    @Override
    public void bargeOnCaller(String node, String supervisorEndpoint, String callerChannel, String spyChannelId) {
        originateToApplication(node, supervisorEndpoint, "ChanSpy", callerChannel + ",qEB", "Intercept",
                Duration.ofSeconds(30), Map.of(), spyChannelId);
    }

    @Override
    public void receiveDtmf(String node, String channel, char digit) {
        PlayDtmfAction dtmf = new PlayDtmfAction(channel, String.valueOf(digit));
        dtmf.setReceive(true);
        send(node, dtmf, "PlayDTMF " + digit + " on " + channel);
    }

    @Override
    public void redirect(String node, String channel, String extraChannel, String context, String extension) {
        RedirectAction redirect = new RedirectAction(channel, context, extension, 1);
        if (extraChannel != null) {
            redirect.setExtraChannel(extraChannel);
            redirect.setExtraContext(context);
            redirect.setExtraExten(extension);
            redirect.setExtraPriority(1);
        }
        send(node, redirect, "Redirect " + channel + " to " + extension + "@" + context);
    }

    @Override
    public void hangup(String node, String channel) {
        send(node, new HangupAction(channel), "Hangup " + channel);
    }

    @Override
    public void attendedTransfer(String node, String transfererChannel, String context, String extension) {
        send(node, new AtxferAction(transfererChannel, context, extension, 1),
                "Atxfer " + transfererChannel + " to " + extension + "@" + context);
    }

    @Override
    public void cancelAttendedTransfer(String node, String transfererChannel) {
        send(node, new CancelAtxferAction(transfererChannel), "CancelAtxfer " + transfererChannel);
    }

    @Override
    public void startRecording(String node, String channel, RecordingFiles files) {
        send(node, new MixMonitorAction(channel, files.mixed(),
                "r(" + files.callerSide() + ")t(" + files.otherSide() + ")"), "MixMonitor " + channel);
    }

    @Override
    public void stopRecording(String node, String channel) {
        send(node, new StopMixMonitorAction(channel), "StopMixMonitor " + channel);
    }

    private static OriginateAction originate(String endpoint, String callerId, Duration ringTimeout,
                                             Map<String, String> variables) {
        OriginateAction originate = new OriginateAction();
        originate.setChannel(endpoint);
        originate.setCallerId(callerId);
        originate.setTimeout(ringTimeout.toMillis());
        originate.setAsync(true);
        if (!variables.isEmpty()) {
            originate.setVariables(variables);
        }
        return originate;
    }

    private ManagerResponse send(String nodeName, ManagerAction action, String what) {
        AmiNode node = nodes.get(nodeName);
        if (node == null && properties.nodes().stream().anyMatch(n -> n.name().equals(nodeName))) {
            throw new PbxActionException(what + " on node " + nodeName + " failed: AMI is not running");
        }
        if (node == null) {
            throw new PbxActionException(what + ": no Asterisk node named '" + nodeName + "'; configured: "
                    + properties.nodes().stream().map(AsteriskProperties.Node::name).toList());
        }
        ManagerConnection connection = node.connection();
        if (connection == null) {
            throw new PbxActionException(what + " on node " + nodeName + " failed: the node is down ("
                    + node.state().reason() + ")");
        }
        ManagerResponse response;
        try {
            response = connection.sendAction(action, properties.actionTimeout().toMillis());
        } catch (TimeoutException e) {
            throw new PbxActionException(what + " on node " + nodeName + ": no answer within "
                    + properties.actionTimeout().toSeconds() + " s", e);
        } catch (IOException | RuntimeException e) {
            throw new PbxActionException(what + " on node " + nodeName + " failed: " + e.getMessage(), e);
        }
        if (response instanceof ManagerError error) {
            throw new PbxActionException(what + " refused by node " + nodeName + ": " + error.getMessage());
        }
        return response;
    }
}
