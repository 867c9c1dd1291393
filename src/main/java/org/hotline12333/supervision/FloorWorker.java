package org.hotline12333.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline12333.StartStopOrder;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.cases.CaseFigures;
import org.hotline12333.outreach.OutreachProperties;
import org.hotline12333.outreach.ReturnVisitFigures;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.RoutingStatus;
import org.hotline12333.routing.SkillMove;
import org.hotline12333.routing.SkillMoves;
import org.hotline12333.telephony.AsteriskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The floor's work that reads the database, off the floor's thread and off every call's: agents, groups, open alerts,
 * overdue cases, skill moves and supervisors' latest actions re-read every {@code resync-interval} (what other instances changed, and everything after a
 * restart), the
 * figures recomputed when calls changed, the two alert checks, heartbeats.
 */
@Component
class FloorWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FloorWorker.class);
    private static final Duration FIGURES_AT_LEAST_EVERY = Duration.ofMinutes(1);

    private final Floor floor;
    private final FloorStream stream;
    private final RoutingStatus routing;
    private final Alerts alerts;
    private final FigureQueries figures;
    private final FloorAlerts checks;
    private final CallRecords records;
    private final CaseFigures cases;
    private final SkillMoves skillMoves;
    private final SupervisorActions actions;
    private final ReturnVisitFigures returnVisits;
    private final OutreachProperties outreach;
    private final AsteriskProperties asterisk;
    private final SupervisionProperties properties;
    private final AtomicBoolean callsChanged = new AtomicBoolean(true);
    private final AtomicBoolean resyncPending = new AtomicBoolean();
    private volatile Instant figuresAt = Instant.MIN;
    private volatile ScheduledExecutorService scheduler;

    FloorWorker(Floor floor, FloorStream stream, RoutingStatus routing, Alerts alerts, FigureQueries figures,
                FloorAlerts checks, CallRecords records, CaseFigures cases, SkillMoves skillMoves,
                SupervisorActions actions, AsteriskProperties asterisk, SupervisionProperties properties,
                ReturnVisitFigures returnVisits, OutreachProperties outreach) {
        this.returnVisits = returnVisits;
        this.outreach = outreach;
        this.floor = floor;
        this.stream = stream;
        this.routing = routing;
        this.alerts = alerts;
        this.figures = figures;
        this.checks = checks;
        this.records = records;
        this.cases = cases;
        this.skillMoves = skillMoves;
        this.actions = actions;
        this.asterisk = asterisk;
        this.properties = properties;
    }

    /** A call was offered, answered, ended or rated: the figures are recomputed at the next figures interval. */
    void callsChanged() {
        callsChanged.set(true);
    }

    /** An agent the floor did not know changed state: re-read the agents shortly. */
    void resyncSoon() {
        ScheduledExecutorService current = scheduler;
        if (current != null && resyncPending.compareAndSet(false, true)) {
            current.schedule(this::resync, 100, TimeUnit.MILLISECONDS);
        }
    }

    void resync() {
        resyncPending.set(false);
        long changesBefore = floor.read(FloorModel::agentChanges);
        long alertChangesBefore = floor.read(FloorModel::alertChanges);
        List<AgentView> agents = routing.agents();
        List<RoutingStatus.SkillGroup> groups = routing.skillGroups();
        List<AlertView> open = alerts.open(100);
        FloorSnapshot.Cases overdue = new FloorSnapshot.Cases(cases.overdue(floor.now()),
                returnVisits.today(floor.now(), outreach.sms().zone()));
        List<SkillMove> moves = skillMoves.inForce();
        List<ActionView> latest = actions.latest(FloorModel.ACTIONS_KEPT);
        floor.submit(model -> {
            model.routing(agents, groups, changesBefore);
            model.openAlerts(open, alertChangesBefore);
            model.cases(overdue);
            model.skillMoves(moves);
            model.actions(latest);
        });
        if (floor.takeOverflow()) {
            dropEndedCalls();
        }
        dropEndedRemoteCalls();
    }

    /** Other instances' calls whose end this instance never heard of (a lost notification, a lost instance). */
    private void dropEndedRemoteCalls() {
        Set<String> remote = floor.read(FloorModel::remoteCallIds);
        if (remote.isEmpty()) {
            return;
        }
        Set<String> open = records.stillOpen(remote);
        Instant now = floor.now();
        remote.stream().filter(id -> !open.contains(id))
                .forEach(id -> floor.submit(model -> model.remoteCallEnded(id, now)));
    }

    /** After events were dropped: forget calls that ended meanwhile, and have every page load the floor again. */
    private void dropEndedCalls() {
        List<String> ids = floor.read(model -> {
            List<String> service = new ArrayList<>();
            model.calls().forEach(call -> {
                if (call.stage() != FloorCall.Stage.PBX) {
                    service.add(call.callId());
                }
            });
            return service;
        });
        Instant now = floor.now();
        for (String id : ids) {
            if (records.find(id).map(CallSummary::open).orElse(false)) {
                continue;
            }
            floor.submit(model -> model.callEnded(id, now));
        }
        floor.submit(model -> stream.resyncAll());
    }

    void refreshFigures() {
        Instant now = floor.now();
        if (!callsChanged.getAndSet(false) && now.isBefore(figuresAt.plus(FIGURES_AT_LEAST_EVERY))) {
            return;
        }
        figuresAt = now;
        Figures today = figures.today(now);
        floor.submit(model -> model.figures(today));
    }

    private void heartbeat() {
        Instant now = floor.now();
        floor.submit(model -> stream.heartbeat(now));
    }

    private void checkAlerts() {
        checks.check(floor.now());
    }

    private void every(Duration interval, Runnable task, String what) {
        long millis = Math.max(10, interval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Supervisors' floor: {} failed; trying again in {}", what, interval, e);
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts the floor's thread, then the work that feeds it. */
    @Override
    public void start() {
        floor.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "supervision-worker");
            thread.setDaemon(true);
            return thread;
        });
        Instant now = floor.now();
        asterisk.nodes().forEach(node -> floor.submit(model -> model.node(node.name(), "UNKNOWN", null, now)));
        every(properties.resyncInterval(), this::resync, "re-reading agents, groups, alerts and overdue cases");
        every(properties.figuresInterval(), this::refreshFigures, "computing the figures");
        every(properties.alertCheckInterval(), this::checkAlerts, "checking waits and call lengths");
        every(properties.heartbeat(), this::heartbeat, "the heartbeat");
    }

    /** Stops the work, then the floor, which ends every stream (so a graceful shutdown does not wait on them). */
    @Override
    public void stop() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.shutdownNow();
        }
        floor.stop();
    }

    @Override
    public boolean isRunning() {
        ScheduledExecutorService current = scheduler;
        return current != null && !current.isShutdown();
    }

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.FLOOR;
    }
}
