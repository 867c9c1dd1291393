package org.hotline12333.desk;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentStateChanged;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.DeskAgents;
import org.hotline12333.routing.RoutingStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pushes the desk to the agent's pages as it changes: the screen-pop when a call is offered and again when it is
 * answered, the wrap-up when the talk ends, the call gone when the caller hung up or the phone was not answered, and
 * the agent's state each time. Routing's thread only hands the change to this feature's one worker thread and goes on
 * (nothing is queued for agents without a desk page open); the worker reads what the screen-pop needs and gives it
 * to the agent's pages. Opening a page runs on the same thread, so a page gets its snapshot and then every change
 * after it, in order.
 */
@Component
class DeskPush implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeskPush.class);
    private static final EnumSet<AgentState> WITH_CALL = EnumSet.of(AgentState.RESERVED, AgentState.ON_CALL);

    private final DeskStream stream;
    private final DeskAgents agents;
    private final RoutingStatus routing;
    private final CallRecords records;
    private final ScreenPops pops;
    private final DeskProperties properties;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    /** The one thread that builds and pushes desk events; made on start, ended on stop (tests pause contexts). */
    private volatile ThreadPoolExecutor worker = newWorker();

    DeskPush(DeskStream stream, DeskAgents agents, RoutingStatus routing, CallRecords records, ScreenPops pops,
             DeskProperties properties, Clock clock) {
        this.stream = stream;
        this.agents = agents;
        this.routing = routing;
        this.records = records;
        this.pops = pops;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens a page's stream: its snapshot is made on the worker, before any later change is pushed. */
    DeskStream.Page open(CallAccess.Viewer viewer) {
        DeskStream.Page page = stream.open(viewer.username(), viewer.workNumber());
        if (!submit(() -> stream.join(page, snapshot(viewer)))) {
            page.subscriber().close();
            throw new DeskStream.TooManyPages(properties.maxSubscribers());
        }
        return page;
    }

    @EventListener
    void stateChanged(AgentStateChanged change) {
        if (stream.watched(change.workNumber())) {
            submit(() -> push(change));
        }
    }

    /**
     * Another instance changes an agent's state when it holds the call (AGI sessions live on one instance), and only
     * that instance hears the change. So every {@code resync-interval} the states of the agents with a desk page open
     * here are read from the database; a state this page has not been told of is pushed as if it had been heard.
     */
    @Scheduled(fixedDelayString = "${hotline.desk.resync-interval:1s}")
    void followOtherInstances() {
        if (stream.size() > 0) {
            submit(() -> routing.agents().stream().filter(agent -> stream.watched(agent.workNumber()))
                    .forEach(this::catchUp));
        }
    }

    private void catchUp(AgentView agent) {
        Seen last = seen.get(agent.workNumber());
        if (last != null && !last.differs(agent)) {
            return;
        }
        if (last != null && last.state() == AgentState.ON_CALL && agent.state() != AgentState.ON_CALL
                && agent.state() != AgentState.WRAP_UP && last.callId() != null) {
            // the talk ended and the wrap-up passed between two looks: the page still gets the wrap-up
            push(new AgentStateChanged(agent.workNumber(), AgentState.ON_CALL, AgentState.WRAP_UP, null,
                    last.callId(), "changed on another instance", agent.stateSince()));
        }
        push(new AgentStateChanged(agent.workNumber(), last == null ? null : last.state(), agent.state(),
                agent.pauseReason(), agent.callId(), "changed on another instance", agent.stateSince()));
    }

    /** The state this instance last pushed for an agent. */
    private record Seen(AgentState state, String callId, java.time.Instant since) {

        boolean differs(AgentView agent) {
            return state != agent.state() || !java.util.Objects.equals(callId, agent.callId())
                    || !java.util.Objects.equals(since, agent.stateSince());
        }
    }

    private static ThreadPoolExecutor newWorker() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), runnable -> {
            Thread thread = new Thread(runnable, "desk-push");
            thread.setDaemon(true);
            return thread;
        });
    }

    private boolean submit(Runnable task) {
        ThreadPoolExecutor worker = this.worker;
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("Desk update failed: {}", e.toString());
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Desk updates are {} behind; one was dropped", worker.getQueue().size());
            return false;
        }
    }

    private void push(AgentStateChanged change) {
        String agent = change.workNumber();
        Optional<AgentView> now = agents.agent(agent);
        if (now.isEmpty()) {
            return;
        }
        seen.put(agent, new Seen(now.get().state(), now.get().callId(), now.get().stateSince()));
        stream.publish(agent, "state", agentView(now.get()));
        CallSummary call = change.callId() == null ? null : records.find(change.callId()).orElse(null);
        CallAccess.Viewer viewer = new CallAccess.Viewer(now.get().username(), now.get(), false);
        if (change.to() == AgentState.RESERVED && call != null) {
            stream.publish(agent, "offer", pops.of(call, DeskViews.Stage.OFFERED, viewer));
        } else if (change.to() == AgentState.ON_CALL && call != null) {
            stream.publish(agent, "answer", pops.of(call, DeskViews.Stage.ANSWERED, viewer).answered(change.at()));
        } else if (change.to() == AgentState.WRAP_UP && call != null) {
            stream.publish(agent, "wrap-up", pops.wrapUp(call, agents.wrapUpUntil(agent).orElse(null), change.at()));
        } else if (change.from() == AgentState.RESERVED && !WITH_CALL.contains(change.to())) {
            stream.publish(agent, "call-gone", Map.of("reason", change.note() == null ? "the call was not put through"
                    : change.note()));
        }
    }

    /** The desk as it is now: the agent, the call offered or on, and the wrap-up waiting for this agent, if any. */
    DeskViews.Snapshot snapshot(CallAccess.Viewer viewer) {
        AgentView agent = agents.agent(viewer.workNumber()).orElse(viewer.agent());
        seen.put(agent.workNumber(), new Seen(agent.state(), agent.callId(), agent.stateSince()));
        DeskViews.ScreenPop call = null;
        DeskViews.WrapUp wrapUp = null;
        CallSummary current = agent.callId() == null ? null : records.find(agent.callId()).orElse(null);
        if (current != null && WITH_CALL.contains(agent.state())) {
            call = pops.of(current, agent.state() == AgentState.ON_CALL ? DeskViews.Stage.ANSWERED
                    : DeskViews.Stage.OFFERED, viewer);
        } else if (current != null && agent.state() == AgentState.WRAP_UP) {
            wrapUp = pops.wrapUp(current, agents.wrapUpUntil(agent.workNumber()).orElse(null), agent.stateSince());
        } else {
            wrapUp = records.answeredBy(agent.workNumber(), 1).stream()
                    .filter(last -> last.routing().disposition() == null && last.routing().talkEndedAt() != null)
                    .findFirst().map(last -> pops.wrapUp(last, null, null)).orElse(null);
        }
        return new DeskViews.Snapshot(agentView(agent), call, wrapUp,
                new DeskViews.Settings(properties.showFullNumbers(), properties.suggestions()), clock.instant());
    }

    DeskViews.Agent agentView(AgentView agent) {
        return new DeskViews.Agent(agent.workNumber(), agent.name(), agent.endpoint(), agent.node(), agent.state(),
                agent.pauseReason(), agent.stateSince(), agent.callId(), agent.reachable(),
                agent.state() == AgentState.WRAP_UP ? agents.wrapUpUntil(agent.workNumber()).orElse(null) : null);
    }

    private volatile boolean running;

    @Override
    public void start() {
        if (worker.isShutdown()) {
            worker = newWorker();
        }
        running = true;
    }

    /** Ends every desk stream before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        stream.closeAll();
        worker.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
