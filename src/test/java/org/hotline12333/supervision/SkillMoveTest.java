package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Moving an agent between skill groups for the rest of the day or until undone: routing offers them the other
 * group's callers at once, their permanent profile is untouched, the move and its undoing are on the floor and in the
 * audit list, and a move for the day ends by itself at midnight.
 */
@HotlineTest
class SkillMoveTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aMovedAgentTakesTheOtherGroupsCallersUntilUndoneAndTheProfileStaysAsItWas() {
        RoutedCalls calls = RoutedCalls.in(service);
        String pension = FloorAgents.group(port, "move-from", "调出组");
        String medical = FloorAgents.group(port, "move-to", "调入组");
        String agent = FloorAgents.ready(port, pension);
        Http lead = Supervisors.create(port, "move.lead");

        Http.Response moved = lead.post(path(agent), "{\"skills\":{\"" + medical + "\":4,\"" + pension + "\":0},"
                + "\"until\":\"UNDONE\",\"reason\":\"medical line is busy\"}");

        assertThat(moved.status()).as(moved.body()).isEqualTo(201);
        JsonNode move = moved.json().path("move");
        assertThat(move.path("levels").path(medical).asInt()).isEqualTo(4);
        assertThat(move.path("levels").path(pension).asInt()).isEqualTo(0);
        assertThat(move.path("until").isNull() || move.path("until").isMissingNode()).isTrue();
        JsonNode view = agentView(lead, agent);
        assertThat(view.path("skills").properties()).extracting(java.util.Map.Entry::getKey).containsExactly(pension);
        assertThat(view.path("skillsNow").properties()).extracting(java.util.Map.Entry::getKey).containsExactly(medical);
        await().atMost(RoutedCalls.WAIT).until(() -> ForcedStateTest.floorAgent(lead, agent).path("moved").asBoolean());
        assertThat(ForcedStateTest.floorAgent(lead, agent).path("groups").get(0).asString()).isEqualTo(medical);
        assertThat(lead.get("/api/supervision/floor").json().path("skillMoves").valueStream()
                .map(m -> m.path("id").asLong())).contains(move.path("id").asLong());

        RoutedCalls.Caller toMedical = calls.talking(medical, "13812346001");
        String channel = toMedical.agentChannel(true);
        assertThat(toMedical.record().routing().agent()).isEqualTo(agent);
        StandInAsterisk.ami().phoneHangsUp(channel);
        assertThat(toMedical.result().agent()).isEqualTo(agent);
        assertThat(calls.talking(pension, "13812346002").result().outcome())
                .isEqualTo(RoutingResult.Outcome.NOT_SERVED); // nobody serves it now

        Http.Response undone = lead.post("/api/supervision/skill-moves/" + move.path("id").asLong() + "/undo",
                "{\"reason\":\"peak over\"}");

        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
        assertThat(agentView(lead, agent).path("skillsNow").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly(pension);
        assertThat(lead.get("/api/supervision/skill-moves").json().valueStream()
                .map(m -> m.path("id").asLong())).doesNotContain(move.path("id").asLong());
        JsonNode today = lead.get("/api/supervision/skill-moves?all=true").json().valueStream()
                .filter(m -> m.path("id").asLong() == move.path("id").asLong()).findFirst().orElseThrow();
        assertThat(today.path("undoneBy").asString()).isEqualTo("move.lead");
        assertThat(lead.get("/api/supervision/actions?agent=" + agent).json()).extracting(
                a -> a.path("kind").asString() + " " + a.path("reason").asString(""))
                .containsExactly("SKILL_MOVE_UNDONE peak over", "SKILL_MOVE medical line is busy");
        await().atMost(RoutedCalls.WAIT).until(() -> !ForcedStateTest.floorAgent(lead, agent).path("moved").asBoolean());
        RoutedCalls.Caller toPension = calls.talking(pension, "13812346003");
        StandInAsterisk.ami().phoneHangsUp(toPension.agentChannel(true));
        assertThat(toPension.result().agent()).isEqualTo(agent);
    }

    @Test
    void aMoveForTheRestOfTheDayEndsByItselfAtMidnight() {
        String pension = FloorAgents.group(port, "day-from", "日调出");
        String medical = FloorAgents.group(port, "day-to", "日调入");
        String agent = FloorAgents.agent(port, pension);
        Http lead = Supervisors.create(port, "move.day");
        LocalDate tomorrow = LocalDate.now(BEIJING).plusDays(1); // ahead of the real time, never behind it
        clock.runFrom(tomorrow.atTime(16, 0).atZone(BEIJING).toInstant());

        JsonNode move = lead.post(path(agent), "{\"skills\":{\"" + medical + "\":2},\"reason\":\"afternoon peak\"}")
                .json().path("move");

        Instant midnight = tomorrow.plusDays(1).atStartOfDay(BEIJING).toInstant();
        assertThat(Instant.parse(move.path("until").asString())).isEqualTo(midnight);
        assertThat(agentView(lead, agent).path("skillsNow").path(medical).asInt()).isEqualTo(2);
        clock.runFrom(midnight.plusSeconds(1));
        await().atMost(RoutedCalls.WAIT).until(() -> agentView(lead, agent).path("skillsNow").path(medical)
                .isMissingNode());
        assertThat(agentView(lead, agent).path("skillsNow").path(pension).asInt()).isEqualTo(5);
        assertThat(lead.get("/api/supervision/skill-moves").json().valueStream()
                .map(m -> m.path("id").asLong())).doesNotContain(move.path("id").asLong());
    }

    @Test
    void badMovesAreRefusedSayingWhy() {
        String group = FloorAgents.group(port, "move-refused", "调组拒绝");
        String agent = FloorAgents.agent(port, group);
        Http lead = Supervisors.create(port, "move.strict");

        assertThat(ForcedStateTest.detail(lead.post(path(agent), "{\"skills\":{\"no-such-group\":3},\"reason\":\"x\"}"),
                400)).contains("skill group 'no-such-group' does not exist");
        assertThat(ForcedStateTest.detail(lead.post(path(agent), "{\"skills\":{\"" + group + "\":100},\"reason\":\"x\"}"),
                400)).contains("must be 0 (out of the group) to 99");
        assertThat(ForcedStateTest.detail(lead.post(path(agent), "{\"skills\":{},\"reason\":\"x\"}"), 400))
                .contains("give the skill groups");
        assertThat(ForcedStateTest.detail(lead.post(path(agent), "{\"skills\":{\"" + group + "\":1},\"until\":\"TOMORROW\","
                + "\"reason\":\"x\"}"), 400)).contains("END_OF_DAY or UNDONE");
        assertThat(ForcedStateTest.detail(lead.post(path(agent), "{\"skills\":{\"" + group + "\":1}}"), 400))
                .contains("give a reason");
        assertThat(ForcedStateTest.detail(lead.post(path(agent), "{\"skills\":{\"" + group + "\":1},\"reason\":\""
                + "x".repeat(300) + "\"}"), 400)).contains("at most 255 characters");
        assertThat(ForcedStateTest.detail(lead.post(path("98765"), "{\"skills\":{\"" + group + "\":1},\"reason\":\"x\"}"),
                404)).contains("no agent 98765");
        assertThat(ForcedStateTest.detail(lead.post("/api/supervision/skill-moves/987654/undo", "{}"), 404))
                .contains("no skill move 987654");
        assertThat(FloorAgents.desk(port, agent).post(path(agent), "{\"skills\":{\"" + group + "\":9},\"reason\":\"me\"}")
                .status()).isEqualTo(403);
        long id = lead.post(path(agent), "{\"skills\":{\"" + group + "\":9},\"reason\":\"x\"}").json().path("move")
                .path("id").asLong();
        assertThat(lead.post("/api/supervision/skill-moves/" + id + "/undo", "{}").status()).isEqualTo(200);
        assertThat(ForcedStateTest.detail(lead.post("/api/supervision/skill-moves/" + id + "/undo", "{}"), 409))
                .contains("is over already");
        assertThat(agentView(lead, agent).path("skillsNow").path(group).asInt()).isEqualTo(5);
    }

    static String path(String agent) {
        return "/api/supervision/agents/" + agent + "/skills";
    }

    static JsonNode agentView(Http supervisor, String workNumber) {
        return supervisor.get("/api/routing/agents").json().valueStream()
                .filter(a -> workNumber.equals(a.path("workNumber").asString())).findFirst().orElseThrow();
    }
}
