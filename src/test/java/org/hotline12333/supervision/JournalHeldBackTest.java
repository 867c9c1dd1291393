package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.EndedBy;
import org.hotline12333.call.NewCall;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Readers of the call records that do not go through {@link CallRecords}' own reads, while the call journal holds a
 * call's changes back (an interval of an hour here: nothing is written on the journal's beat). The floor's figures
 * count a call queued a moment ago; and whoever reads an agent's state from the database and then the call it names
 * (a desk page or the floor on another instance) finds the call's record written as far as that state: queued when
 * the agent is offered the call, answered by them when they are on it.
 */
@HotlineTest
@TestPropertySource(properties = "hotline.calls.journal-interval=1h")
class JournalHeldBackTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    CallRecords records;
    @Autowired
    JdbcClient db;
    @Autowired
    Clock clock;

    final AmiStandIn ami = StandInAsterisk.ami();

    @Test
    void theFiguresCountACallQueuedAMomentAgo() {
        String group = "held-" + UUID.randomUUID().toString().substring(0, 8);
        String callId = records.open(new NewCall("central", "held." + UUID.randomUUID(), "PJSIP/trunk-held",
                "13800001111", null, "12333", "scripted"));
        records.queued(callId, group, 0, Map.of(), clock.instant());
        Http lead = Supervisors.create(port, "held.figures");

        JsonNode figures = lead.get("/api/supervision/figures").json();

        JsonNode mine = null;
        for (JsonNode row : figures.path("groups")) {
            if (row.path("group").asString("").equals(group)) {
                mine = row;
            }
        }
        assertThat(mine).as("the group of the call queued a moment ago, in %s", figures).isNotNull();
        assertThat(mine.path("offered").asLong()).isEqualTo(1);
        records.close(callId, EndedBy.CALLER, "hung up");
    }

    @Test
    void anAgentOfferedACallNamesOneWhoseRecordSaysItWasQueued() {
        String group = FloorAgents.group(port, "held-offer", "日志振铃");
        String agent = FloorAgents.ready(port, group);
        RoutedCalls.Caller caller = RoutedCalls.in(service).ringing(group, "13812349001");

        awaitAgent(agent, "RESERVED", caller.callId);
        Map<String, Object> call = db.sql("SELECT skill_group, queued_at FROM calls WHERE id = ?")
                .param(caller.callId).query().singleRow();

        assertThat(call.get("skill_group")).isEqualTo(group);
        assertThat(call.get("queued_at")).isNotNull();
        caller.session.hangUpNow();
        caller.session.awaitEnd();
    }

    @Test
    void anAgentOnACallNamesOneWhoseRecordSaysTheyAnsweredOnTheirLeg() {
        String group = FloorAgents.group(port, "held-talk", "日志通话");
        String agent = FloorAgents.ready(port, group);
        RoutedCalls.Caller caller = RoutedCalls.in(service).talking(group, "13812349002");

        awaitAgent(agent, "ON_CALL", caller.callId);
        Map<String, Object> call = db.sql("SELECT agent, connected_at FROM calls WHERE id = ?")
                .param(caller.callId).query().singleRow();
        Map<String, Object> leg = db.sql("SELECT channel, answered_at FROM call_leg WHERE call_id = ? AND agent = ?")
                .params(caller.callId, agent).query().singleRow();

        assertThat(call.get("agent")).isEqualTo(agent);
        assertThat(call.get("connected_at")).isNotNull();
        assertThat(leg.get("answered_at")).isNotNull();
        assertThat((String) leg.get("channel")).startsWith(FloorAgents.endpoint(agent) + "-");
        ami.phoneHangsUp((String) leg.get("channel"));
        caller.result();
        caller.session.awaitEnd();
    }

    /** The agent's row as any instance reads it: in this state, on this call. */
    private void awaitAgent(String workNumber, String state, String callId) {
        await().atMost(RoutedCalls.WAIT).until(() -> db.sql("SELECT state, call_id FROM agent WHERE work_number = ?")
                .param(workNumber).query().singleRow(), row -> state.equals(row.get("state"))
                && callId.equals(row.get("call_id")));
    }
}
