package org.hotline12333.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.hotline12333.alert.AlertView;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentStateChanged;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.RoutingStatus;
import org.hotline12333.routing.SkillMove;
import org.hotline12333.telephony.LiveChannel;

/**
 * The live floor itself: calls, agents, groups, figures, alerts, nodes, monitoring sessions. Not thread-safe: only
 * the floor's own thread touches it ({@link Floor}). Every method that changes something reports the change to
 * {@code out}, for the event stream.
 */
final class FloorModel {

    /** Unique ids of supervisors' spy channels start with this: they are never shown as calls. */
    static final String SPY_PREFIX = "hotline-spy-";
    /** Supervisors' actions kept on the floor (the audit list has them all). */
    static final int ACTIONS_KEPT = 50;

    private final Map<String, FloorCall> calls = new LinkedHashMap<>();
    /** Calls other instances hold (call id → instance), as they told this one ({@link FloorShare}). */
    private final Map<String, String> remote = new HashMap<>();
    private final Map<String, String> callsByChannel = new HashMap<>();
    private final Map<String, Instant> recentlyEnded = new HashMap<>();
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<String, FloorAgent> agents = new TreeMap<>();
    /** Agent state changes applied so far, and the number of each agent's latest: a re-read older than it is stale. */
    private long agentChanges;
    private final Map<String, Long> lastChangeOf = new HashMap<>();
    private final Map<String, String> groupNames = new TreeMap<>();
    private final Map<Long, AlertView> alerts = new TreeMap<>(Comparator.reverseOrder());
    /**
     * Alerts raised or acknowledged so far, and the number of each alert's latest such change until a re-read has
     * covered it: a re-read older than it is stale for that alert.
     */
    private long alertChanges;
    private final Map<Long, Long> lastAlertChangeOf = new HashMap<>();
    private final Map<String, FloorSnapshot.NodeStatus> nodes = new TreeMap<>();
    private final Map<Long, MonitorView> monitoring = new TreeMap<>();
    private final TreeMap<Long, ActionView> actions = new TreeMap<>(Comparator.reverseOrder());
    private List<SkillMove> skillMoves = List.of();
    private List<FloorSnapshot.GroupLive> groups = List.of();
    private Figures figures;
    private FloorSnapshot.Cases cases;
    private final Duration pbxGrace;
    private final FloorSnapshot.Settings settings;
    private final UnaryOperator<String> callerShown;
    private Consumer<FloorChange> out = change -> { };
    private Consumer<FloorChange> share = change -> { };

    /** @param callerShown how a caller's number is shown on the floor (masked unless configured otherwise) */
    FloorModel(Duration pbxGrace, FloorSnapshot.Settings settings, UnaryOperator<String> callerShown) {
        this.pbxGrace = pbxGrace;
        this.settings = settings;
        this.callerShown = callerShown;
    }

    void onChange(Consumer<FloorChange> out) {
        this.out = out;
    }

    /** Where this instance's own call changes go, for the other instances' floors. */
    void onShare(Consumer<FloorChange> share) {
        this.share = share;
    }

    FloorSnapshot snapshot(Instant now) {
        return new FloorSnapshot(now, List.copyOf(calls.values()), List.copyOf(agents.values()), groups, figures,
                List.copyOf(alerts.values()), List.copyOf(nodes.values()), List.copyOf(monitoring.values()), cases,
                settings, List.copyOf(actions.values()), skillMoves);
    }

    // ------------------------------------------------------------------ calls

    void callStarted(String callId, String node, String uniqueId, String callerNumber, String script, Instant at) {
        FloorCall call = FloorCall.started(callId, node, uniqueId, callerShown.apply(callerNumber), script, at);
        callsByChannel.put(key(node, uniqueId), callId);
        put(call);
    }

    void ivrNode(String callId, String menu, String node, Instant at) {
        update(callId, call -> call.inIvr(menu, node, at));
    }

    void queued(String callId, String group, int priority, Instant queuedAt, Instant at) {
        update(callId, call -> call.queued(group, priority, queuedAt, at));
    }

    /** A call ended on this instance (its own, or one it closed for a lost instance): every floor drops it. */
    void callEnded(String callId, Instant at) {
        FloorChange ended = new FloorChange.CallEnded(callId);
        if (drop(callId, at)) {
            out.accept(ended);
        }
        share.accept(ended);
    }

    /** A supervisor took the call over: from now on the floor shows them as its agent. */
    void intercepted(String callId, String as, Instant at) {
        update(callId, call -> call.withAgent(FloorCall.Stage.TALKING, as, at));
    }

    Iterable<FloorCall> calls() {
        return calls.values();
    }

    // ------------------------------------------------------------------ other instances' calls

    /** A call another instance holds, as it is there now. */
    void remoteCall(String instance, FloorCall call) {
        boolean ours = calls.containsKey(call.callId()) && !remote.containsKey(call.callId());
        if (call.stage() == FloorCall.Stage.PBX || ours) {
            return;
        }
        remote.put(call.callId(), instance);
        callsByChannel.put(key(call.node(), call.uniqueId()), call.callId());
        FloorCall known = calls.remove("pbx:" + key(call.node(), call.uniqueId()));
        if (known != null) {
            out.accept(new FloorChange.CallEnded(known.callId()));
        }
        put(call);
    }

    void remoteCallEnded(String callId, Instant at) {
        if (remote.containsKey(callId) && drop(callId, at)) {
            out.accept(new FloorChange.CallEnded(callId));
        }
    }

    Set<String> remoteCallIds() {
        return Set.copyOf(remote.keySet());
    }

    /** This instance's own calls, for an instance that asks what it missed. */
    List<FloorCall> ownCalls() {
        return calls.values().stream().filter(c -> c.stage() != FloorCall.Stage.PBX && !remote.containsKey(c.callId()))
                .toList();
    }

    private boolean drop(String callId, Instant at) {
        remote.remove(callId);
        FloorCall call = calls.remove(callId);
        if (call == null) {
            return false;
        }
        callsByChannel.remove(key(call.node(), call.uniqueId()));
        recentlyEnded.put(key(call.node(), call.uniqueId()), at);
        return true;
    }

    // ------------------------------------------------------------------ agents

    /** Returns false when the agent was not known (the floor should re-read the agents). */
    boolean agentChanged(AgentStateChanged change) {
        lastChangeOf.put(change.workNumber(), ++agentChanges);
        FloorAgent known = agents.get(change.workNumber());
        FloorAgent agent = known == null ? FloorAgent.unknown(change) : known.changed(change);
        agents.put(agent.workNumber(), agent);
        out.accept(new FloorChange.Agent(agent));
        if (change.callId() != null) {
            FloorCall call = calls.get(change.callId());
            if (call != null) {
                if (change.to() == AgentState.RESERVED) {
                    put(call.withAgent(FloorCall.Stage.RINGING, change.workNumber(), change.at()));
                } else if (change.to() == AgentState.ON_CALL) {
                    put(call.withAgent(FloorCall.Stage.TALKING, change.workNumber(), change.at()));
                } else if (change.to() == AgentState.WRAP_UP && change.workNumber().equals(call.agent())
                        && (call.stage() == FloorCall.Stage.TALKING || call.stage() == FloorCall.Stage.RINGING)) {
                    put(call.withAgent(FloorCall.Stage.AFTER_AGENT, change.workNumber(), change.at()));
                }
            }
        }
        if (change.from() == AgentState.RESERVED && change.to() != AgentState.ON_CALL
                && change.to() != AgentState.WRAP_UP) {
            List<FloorCall> rang = calls.values().stream().filter(c -> c.stage() == FloorCall.Stage.RINGING
                    && change.workNumber().equals(c.agent())).toList();
            rang.forEach(call -> put(call.backInQueue(change.at())));
        }
        return known != null;
    }

    /** How many agent state changes the floor has applied; taken before reading routing ({@link #routing}). */
    long agentChanges() {
        return agentChanges;
    }

    /**
     * The agents and groups as routing has them now (all instances' changes included), read after the floor had
     * applied {@code changesBefore} agent state changes: an agent changed since then is newer here than in what was
     * read, and is left as it is (a re-read that crossed a call's end would otherwise put its agent back on it).
     */
    void routing(List<AgentView> views, List<RoutingStatus.SkillGroup> skillGroups, long changesBefore) {
        Map<String, FloorAgent> fresh = new TreeMap<>();
        views.forEach(view -> fresh.put(view.workNumber(), FloorAgent.of(view)));
        for (Iterator<String> known = agents.keySet().iterator(); known.hasNext(); ) {
            String workNumber = known.next();
            if (!fresh.containsKey(workNumber) && !changedSince(workNumber, changesBefore)) {
                known.remove();
                out.accept(new FloorChange.AgentRemoved(workNumber));
            }
        }
        fresh.forEach((workNumber, agent) -> {
            if (changedSince(workNumber, changesBefore)) {
                return;
            }
            if (!agent.equals(agents.put(workNumber, agent))) {
                out.accept(new FloorChange.Agent(agent));
            }
        });
        groupNames.clear();
        skillGroups.forEach(group -> groupNames.put(group.code(), group.name()));
    }

    private boolean changedSince(String workNumber, long changes) {
        return lastChangeOf.getOrDefault(workNumber, 0L) > changes;
    }

    // ------------------------------------------------------------------ every tick

    /** Queue positions from routing, conversations only Asterisk knows, and the groups' counts. */
    void tick(Instant now, List<RoutingStatus.WaitingCaller> waiting, List<LiveChannel> channels) {
        Map<String, Integer> positions = waiting.stream().collect(Collectors.toMap(
                RoutingStatus.WaitingCaller::callId, RoutingStatus.WaitingCaller::position, (a, b) -> a));
        for (FloorCall call : List.copyOf(calls.values())) {
            if (call.stage() == FloorCall.Stage.QUEUED) {
                Integer position = positions.get(call.callId());
                if (!Objects.equals(position, call.position())) {
                    put(call.at(position));
                }
            }
        }
        pbx(now, channels);
        List<FloorSnapshot.GroupLive> fresh = groupsNow();
        if (!fresh.equals(groups)) {
            groups = fresh;
            out.accept(new FloorChange.Groups(groups));
        }
    }

    /**
     * Conversations on Asterisk no call of the service claims, grouped by linked id. One is shown once the floor has
     * seen it for {@code pbxGrace} (a caller's channel exists a moment before the AGI session starts, and a moment
     * after it ends): the floor counts on its own clock, not on the times Asterisk reports.
     */
    private void pbx(Instant now, List<LiveChannel> channels) {
        recentlyEnded.values().removeIf(at -> at.isBefore(now.minus(pbxGrace.multipliedBy(10))));
        Map<String, List<LiveChannel>> conversations = new TreeMap<>();
        for (LiveChannel channel : channels) {
            String linked = channel.linkedId() == null || channel.linkedId().isBlank() ? channel.uniqueId()
                    : channel.linkedId();
            conversations.computeIfAbsent(key(channel.node(), linked), k -> new ArrayList<>()).add(channel);
        }
        firstSeen.keySet().retainAll(conversations.keySet());
        Map<String, FloorCall> fresh = new LinkedHashMap<>();
        conversations.forEach((conversation, legs) -> {
            Instant seen = firstSeen.computeIfAbsent(conversation, k -> now);
            Instant ended = recentlyEnded.get(conversation);
            Instant settled = now.minus(pbxGrace);
            boolean young = seen.isAfter(settled) || (ended != null && ended.isAfter(settled));
            String linked = conversation.substring(conversation.indexOf('|') + 1);
            if (callsByChannel.containsKey(conversation) || linked.startsWith(SPY_PREFIX) || young) {
                return;
            }
            Instant since = legs.stream().map(LiveChannel::since).filter(Objects::nonNull).min(Instant::compareTo)
                    .orElse(seen);
            LiveChannel first = legs.stream().filter(c -> c.uniqueId().equals(linked)).findFirst().orElse(legs.get(0));
            String id = "pbx:" + conversation;
            fresh.put(id, FloorCall.pbx(id, first.node(), linked, callerOf(first), since, legs.size()));
        });
        List<FloorCall> gone = calls.values().stream()
                .filter(c -> c.stage() == FloorCall.Stage.PBX && !fresh.containsKey(c.callId())).toList();
        gone.forEach(call -> {
            calls.remove(call.callId());
            out.accept(new FloorChange.CallEnded(call.callId()));
        });
        fresh.values().forEach(call -> {
            if (!call.equals(calls.get(call.callId()))) {
                put(call);
            }
        });
    }

    private String callerOf(LiveChannel channel) {
        return callerShown.apply(channel.callerNumber());
    }

    /** Each group's waiting callers and agents, in one pass over the calls and one over the agents. */
    private List<FloorSnapshot.GroupLive> groupsNow() {
        Map<String, GroupCount> counts = new TreeMap<>();
        groupNames.forEach((code, name) -> counts.put(code, new GroupCount(name)));
        for (FloorCall call : calls.values()) {
            if (call.skillGroup() != null) {
                GroupCount count = counts.computeIfAbsent(call.skillGroup(), GroupCount::new);
                if (call.waiting()) {
                    count.waiting(call.queuedAt());
                }
            }
        }
        for (FloorAgent agent : agents.values()) {
            if (agent.state().loggedIn()) {
                for (String group : agent.groups()) {
                    GroupCount count = counts.get(group);
                    if (count != null) {
                        count.agent(agent.state());
                    }
                }
            }
        }
        List<FloorSnapshot.GroupLive> live = new ArrayList<>();
        counts.forEach((code, count) -> live.add(new FloorSnapshot.GroupLive(code, count.name, count.waiting,
                count.longest, count.ready, count.busy, count.loggedIn)));
        return live;
    }

    private static final class GroupCount {
        final String name;
        int waiting;
        Instant longest;
        int ready;
        int busy;
        int loggedIn;

        GroupCount(String name) {
            this.name = name;
        }

        void waiting(Instant queuedAt) {
            waiting++;
            if (queuedAt != null && (longest == null || queuedAt.isBefore(longest))) {
                longest = queuedAt;
            }
        }

        void agent(AgentState state) {
            loggedIn++;
            if (state == AgentState.READY) {
                ready++;
            } else if (BUSY.contains(state)) {
                busy++;
            }
        }
    }

    private static final Set<AgentState> BUSY = Set.of(AgentState.RESERVED, AgentState.ON_CALL, AgentState.WRAP_UP);

    // ------------------------------------------------------------------ figures, alerts, nodes, monitoring

    void figures(Figures computed) {
        boolean same = figures != null && figures.date().equals(computed.date())
                && figures.overall().equals(computed.overall()) && figures.groups().equals(computed.groups());
        figures = computed;
        if (!same) {
            out.accept(new FloorChange.DayFigures(computed));
        }
    }

    void cases(FloorSnapshot.Cases counted) {
        if (!counted.equals(cases)) {
            cases = counted;
            out.accept(new FloorChange.Cases(counted));
        }
    }

    void alertRaised(AlertView alert) {
        lastAlertChangeOf.put(alert.id(), ++alertChanges);
        show(alert);
    }

    void alertAcknowledged(long id) {
        lastAlertChangeOf.put(id, ++alertChanges);
        hide(id);
    }

    /** How many alerts the floor has seen raised or acknowledged; taken before reading the open alerts. */
    long alertChanges() {
        return alertChanges;
    }

    /**
     * The open alerts as stored now (some may have been acknowledged through the API), read after the floor had seen
     * {@code changesBefore} alert changes: an alert raised or acknowledged here since then is newer than what was
     * read, and is left as it is (a re-read that started just before an alert was raised would otherwise take it
     * off every supervisor's screen until the next re-read).
     */
    void openAlerts(List<AlertView> open, long changesBefore) {
        Set<Long> ids = open.stream().map(AlertView::id).collect(Collectors.toSet());
        List.copyOf(alerts.keySet()).stream()
                .filter(id -> !ids.contains(id) && !alertChangedSince(id, changesBefore)).forEach(this::hide);
        open.stream().filter(alert -> !alertChangedSince(alert.id(), changesBefore)).forEach(this::show);
        lastAlertChangeOf.values().removeIf(change -> change <= changesBefore);
    }

    private boolean alertChangedSince(long id, long changes) {
        return lastAlertChangeOf.getOrDefault(id, 0L) > changes;
    }

    private void show(AlertView alert) {
        if (alert.open() && alerts.put(alert.id(), alert) == null) {
            out.accept(new FloorChange.Alert(alert));
        }
    }

    private void hide(long id) {
        if (alerts.remove(id) != null) {
            out.accept(new FloorChange.AlertAcknowledged(id));
        }
    }

    void node(String node, String state, String reason, Instant at) {
        FloorSnapshot.NodeStatus status = new FloorSnapshot.NodeStatus(node, state, reason, at);
        FloorSnapshot.NodeStatus before = nodes.put(node, status);
        if (before == null || !before.state().equals(state) || !Objects.equals(before.reason(), reason)) {
            out.accept(new FloorChange.Nodes(List.copyOf(nodes.values())));
        }
    }

    /** A monitoring session started, changed or ended on this instance ({@code shared}) or another. */
    void monitoring(MonitorView session, boolean shared) {
        if (session.open()) {
            monitoring.put(session.id(), session);
        } else {
            monitoring.remove(session.id());
        }
        FloorChange change = new FloorChange.Monitor(session);
        out.accept(change);
        if (shared) {
            share.accept(change);
        }
    }

    /** A supervisor action recorded, or its outcome changed; the floor keeps the latest {@link #ACTIONS_KEPT}. */
    void action(ActionView action) {
        if (!action.equals(actions.put(action.id(), action))) {
            out.accept(new FloorChange.Action(action));
        }
        while (actions.size() > ACTIONS_KEPT) {
            actions.remove(actions.lastKey());
        }
    }

    /** The latest actions as stored (other instances' included). */
    void actions(List<ActionView> latest) {
        latest.forEach(this::action);
    }

    void skillMoves(List<SkillMove> inForce) {
        if (!inForce.equals(skillMoves)) {
            skillMoves = List.copyOf(inForce);
            out.accept(new FloorChange.SkillMoves(skillMoves));
        }
    }

    private void put(FloorCall call) {
        calls.put(call.callId(), call);
        FloorChange change = new FloorChange.Call(call);
        out.accept(change);
        if (call.stage() != FloorCall.Stage.PBX && !remote.containsKey(call.callId())) {
            share.accept(change);
        }
    }

    private void update(String callId, UnaryOperator<FloorCall> change) {
        FloorCall call = calls.get(callId);
        if (call != null) {
            put(change.apply(call));
        }
    }

    private static String key(String node, String uniqueId) {
        return node + "|" + uniqueId;
    }
}
