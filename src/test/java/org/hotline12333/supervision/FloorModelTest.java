package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertView;
import org.hotline12333.privacy.Mask;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentStateChanged;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.PauseReason;
import org.hotline12333.routing.RoutingStatus;
import org.hotline12333.telephony.LiveChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The floor's model on its own: what it shows after each event, and what it rebuilds from Asterisk and routing. */
class FloorModelTest {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    FloorModel model;
    List<FloorChange> changes;

    @BeforeEach
    void model() {
        model = new FloorModel(Duration.ofSeconds(3), new FloorSnapshot.Settings(15, 0.95, 60, 1200, false),
                Mask::phone);
        changes = new ArrayList<>();
        model.onChange(changes::add);
    }

    FloorCall call(String id) {
        return model.snapshot(T0).calls().stream().filter(c -> c.callId().equals(id)).findFirst().orElse(null);
    }

    static AgentView agent(String workNumber, AgentState state, String group) {
        return new AgentView(workNumber, "坐席" + workNumber, "PJSIP/" + workNumber, "central", null, state, null,
                T0, null, true, Map.of(group, 3), List.of(), List.of(), Map.of(group, 3), null);
    }

    @Test
    void aCallerGoesFromTheMenuToTheQueueToAnAgentAndBackWhenTheAgentDoesNotAnswer() {
        model.routing(List.of(agent("8001", AgentState.READY, "pension"), agent("8002", AgentState.READY, "pension")),
                List.of(new RoutingStatus.SkillGroup("pension", "养老保险")), model.agentChanges());
        model.callStarted("c1", "central", "171.1", "13800138000", "ivr", T0);
        model.ivrNode("c1", "12333", "main", T0.plusSeconds(2));
        model.queued("c1", "pension", 0, T0.plusSeconds(9), T0.plusSeconds(9));
        model.tick(T0.plusSeconds(10), List.of(new RoutingStatus.WaitingCaller("c1", "pension", 0, T0.plusSeconds(9), 1)),
                List.of());

        assertThat(call("c1").caller()).isEqualTo("138****8000");
        assertThat(call("c1").stage()).isEqualTo(FloorCall.Stage.QUEUED);
        assertThat(call("c1").position()).isEqualTo(1);
        assertThat(model.snapshot(T0).groups()).singleElement().satisfies(group -> {
            assertThat(group.name()).isEqualTo("养老保险");
            assertThat(group.waiting()).isEqualTo(1);
            assertThat(group.longestWaitSince()).isEqualTo(T0.plusSeconds(9));
            assertThat(group.ready()).isEqualTo(2);
        });

        model.agentChanged(new AgentStateChanged("8001", AgentState.READY, AgentState.RESERVED, null, "c1", "offered",
                T0.plusSeconds(11)));
        assertThat(call("c1").stage()).isEqualTo(FloorCall.Stage.RINGING);
        assertThat(call("c1").agent()).isEqualTo("8001");

        model.agentChanged(new AgentStateChanged("8001", AgentState.RESERVED, AgentState.PAUSED, PauseReason.NO_ANSWER,
                null, "ring-no-answer", T0.plusSeconds(26)));
        assertThat(call("c1").stage()).isEqualTo(FloorCall.Stage.QUEUED);
        assertThat(call("c1").queuedAt()).isEqualTo(T0.plusSeconds(9));

        model.agentChanged(new AgentStateChanged("8002", AgentState.READY, AgentState.RESERVED, null, "c1", "offered",
                T0.plusSeconds(27)));
        model.agentChanged(new AgentStateChanged("8002", AgentState.RESERVED, AgentState.ON_CALL, null, "c1", null,
                T0.plusSeconds(30)));
        assertThat(call("c1").stage()).isEqualTo(FloorCall.Stage.TALKING);
        assertThat(call("c1").stageSince()).isEqualTo(T0.plusSeconds(30));
        model.agentChanged(new AgentStateChanged("8002", AgentState.ON_CALL, AgentState.WRAP_UP, null, "c1", null,
                T0.plusSeconds(200)));
        assertThat(call("c1").stage()).isEqualTo(FloorCall.Stage.AFTER_AGENT);

        model.callEnded("c1", T0.plusSeconds(210));
        assertThat(call("c1")).isNull();
        assertThat(changes).extracting(FloorChange::type).last().isEqualTo("call-ended");
    }

    /**
     * After a restart the floor has no calls of its own; the conversations Asterisk still has (callers the dialplan's
     * fallback took) show up from the live channels, one per conversation, once seen for the grace time; never the
     * channels of a call the service handles, nor a supervisor's spy channel.
     */
    @Test
    void conversationsOnlyAsteriskKnowsAreRebuiltFromTheLiveChannels() {
        model.callStarted("c2", "central", "172.1", "13900139000", "ivr", T0);
        List<LiveChannel> channels = new ArrayList<>(List.of(
                new LiveChannel("central", "170.1", "170.1", "PJSIP/carrier-01", "13700137000", true, "b1", T0),
                new LiveChannel("central", "170.2", "170.1", "PJSIP/1001-02", "1001", true, "b1", T0),
                new LiveChannel("central", "172.1", "172.1", "PJSIP/carrier-03", "13900139000", true, null, T0),
                new LiveChannel("central", "172.2", "172.1", "PJSIP/1002-04", "1002", true, null, T0),
                new LiveChannel("central", FloorModel.SPY_PREFIX + "x", FloorModel.SPY_PREFIX + "x", "PJSIP/2001-05",
                        "2001", true, null, T0)));

        model.tick(T0.plusSeconds(10), List.of(), channels);
        assertThat(pbx()).isEmpty(); // just seen

        channels.add(new LiveChannel("central", "173.1", "173.1", "PJSIP/carrier-06", "13600136000", false, null,
                T0.plusSeconds(11)));
        model.tick(T0.plusSeconds(14), List.of(), channels);
        assertThat(pbx()).singleElement().satisfies(call -> {
            assertThat(call.callId()).isEqualTo("pbx:central|170.1");
            assertThat(call.caller()).isEqualTo("137****7000");
            assertThat(call.channels()).isEqualTo(2);
            assertThat(call.startedAt()).isEqualTo(T0);
        });

        model.tick(T0.plusSeconds(20), List.of(), channels.subList(2, 6));
        assertThat(pbx()).extracting(FloorCall::callId).containsExactly("pbx:central|173.1");
    }

    private List<FloorCall> pbx() {
        return model.snapshot(T0).calls().stream().filter(c -> c.stage() == FloorCall.Stage.PBX).toList();
    }

    @Test
    void agentsAreRebuiltFromRoutingAndOnlyChangesAreSent() {
        model.routing(List.of(agent("8001", AgentState.READY, "pension"), agent("8002", AgentState.PAUSED, "medical")),
                List.of(), model.agentChanges());
        changes.clear();

        model.routing(List.of(agent("8001", AgentState.READY, "pension"), agent("8003", AgentState.READY, "medical")),
                List.of(), model.agentChanges());

        assertThat(changes).extracting(FloorChange::type).containsExactlyInAnyOrder("agent-removed", "agent");
        assertThat(model.snapshot(T0).agents()).extracting(FloorAgent::workNumber).containsExactly("8001", "8003");
    }

    @Test
    void aReReadOlderThanAnAgentsLatestChangeLeavesThatAgentAsTheChangeSaid() {
        model.routing(List.of(agent("8001", AgentState.ON_CALL, "pension"), agent("8002", AgentState.READY, "pension")),
                List.of(), model.agentChanges());
        long beforeTheRead = model.agentChanges(); // the worker reads routing from here on
        model.agentChanged(new AgentStateChanged("8001", AgentState.ON_CALL, AgentState.WRAP_UP, null, "c9", null,
                T0.plusSeconds(30)));
        model.agentChanged(new AgentStateChanged("8001", AgentState.WRAP_UP, AgentState.READY, null, null, null,
                T0.plusSeconds(30)));
        changes.clear();

        // what was read before the call ended: 8001 still on it, 8002 paused meanwhile by another instance
        model.routing(List.of(agent("8001", AgentState.ON_CALL, "pension"), agent("8002", AgentState.PAUSED, "pension")),
                List.of(), beforeTheRead);

        assertThat(model.snapshot(T0).agents()).extracting(FloorAgent::workNumber, FloorAgent::state)
                .containsExactly(tuple("8001", AgentState.READY),
                        tuple("8002", AgentState.PAUSED));
        assertThat(changes).extracting(FloorChange::data).extracting(d -> ((FloorAgent) d).workNumber())
                .containsExactly("8002");

        model.routing(List.of(agent("8001", AgentState.PAUSED, "pension"), agent("8002", AgentState.PAUSED, "pension")),
                List.of(), model.agentChanges()); // a read after the change is taken as it is
        assertThat(model.snapshot(T0).agents()).extracting(FloorAgent::state)
                .containsExactly(AgentState.PAUSED, AgentState.PAUSED);
    }

    static AlertView alert(long id, Instant acknowledgedAt) {
        return new AlertView(id, AlertKind.FORBIDDEN_PHRASE_LIVE, "call-" + id, "forbidden phrase", T0, null,
                acknowledgedAt, "call-" + id, "8001");
    }

    @Test
    void aReReadOlderThanAnAlertLeavesItAsTheFloorHeardIt() {
        model.openAlerts(List.of(alert(1, null), alert(2, null)), model.alertChanges());
        long beforeTheRead = model.alertChanges(); // the worker reads the open alerts from here on
        model.alertRaised(alert(3, null));
        model.alertAcknowledged(1);
        changes.clear();

        // what was read before alert 3 was raised and alert 1 acknowledged; alert 2 acknowledged on another instance
        model.openAlerts(List.of(alert(1, null)), beforeTheRead);

        assertThat(model.snapshot(T0).alerts()).extracting(AlertView::id).containsExactly(3L);
        assertThat(changes).extracting(FloorChange::type).containsExactly("alert-acknowledged");

        model.openAlerts(List.of(alert(3, null), alert(4, null)), model.alertChanges()); // a read after them counts
        assertThat(model.snapshot(T0).alerts()).extracting(AlertView::id).containsExactly(4L, 3L);
    }
}
