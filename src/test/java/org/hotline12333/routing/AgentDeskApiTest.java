package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hotline12333.call.CallRecords;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The agent desk and the routing administration, over real HTTP. */
@HotlineTest
class AgentDeskApiTest {

    @Autowired
    ApplicationContext service;
    @LocalServerPort
    int port;
    @Autowired
    RoutingAdmin admin;
    @Autowired
    AgentDesk desk;
    @Autowired
    AgentStore store;
    @Autowired
    CallRouting routing;
    @Autowired
    CallRecords records;
    @Autowired
    Users users;

    @Test
    void administratorsConfigureGroupsAndAgentsSupervisorsOnlyLook() {
        RoutingFixture fixture = fixture();
        Http administrator = Http.on(port).as("admin", "test-admin-password");
        users.create(fixture.prefix + ".lead", "supervisor-password-1", Role.SUPERVISOR);
        Http supervisor = Http.on(port).as(fixture.prefix + ".lead", "supervisor-password-1");
        String code = fixture.prefix + "-medical";
        String group = "{\"code\":\"" + code + "\",\"name\":\"医疗\",\"wrapUp\":\"PT20S\"}";

        assertThat(supervisor.put("/api/routing/groups/" + code, group).status()).isEqualTo(403);
        assertThat(administrator.put("/api/routing/groups/" + code, group).status()).isEqualTo(200);
        Http.Response badAgent = administrator.put("/api/routing/agents/77001", "{\"workNumber\":\"77001\",\"name\":\"x\","
                + "\"endpoint\":\"PJSIP/7701\",\"skills\":{\"no-such-group\":1}}");
        assertThat(badAgent.status()).isEqualTo(400);
        assertThat(badAgent.json().path("detail").asString()).isEqualTo("skill group 'no-such-group' does not exist");
        assertThat(administrator.put("/api/routing/agents/7x", "{\"workNumber\":\"7x\",\"name\":\"x\","
                + "\"endpoint\":\"PJSIP/7701\"}").status()).isEqualTo(400);

        String workNumber = fixture.prefix.substring(1) + "77";
        Http.Response agent = administrator.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber
                + "\",\"name\":\"孙丽\",\"endpoint\":\"PJSIP/7701\",\"pin\":\"2468\",\"skills\":{\"" + code + "\":2}}");
        assertThat(agent.status()).isEqualTo(200);
        assertThat(agent.json().path("state").asString()).isEqualTo("LOGGED_OUT");
        assertThat(agent.json().path("skills").path(code).asInt()).isEqualTo(2);
        assertThat(agent.body()).doesNotContain("2468").doesNotContain("pin");
        assertThat(supervisor.get("/api/routing/groups").body()).contains(code);
        assertThat(routing.skillGroupExists(code)).isTrue();
        assertThat(supervisor.get("/api/routing/agents").body()).contains(workNumber);
        assertThat(Http.on(port).as("admin", "test-admin-password").get("/api/routing/groups").body())
                .contains("\"pension\"").contains("\"labour-relations\"").contains("\"general\"");
    }

    @Test
    void anAgentSeesAndChangesOnlyTheirOwnStateAndCalls() {
        RoutingFixture fixture = fixture();
        String group = fixture.group("pension");
        String mine = fixture.agent(Map.of(group, 1));
        String theirs = fixture.agent(Map.of(group, 1));
        Http me = agentUser(fixture, mine);
        Http colleague = agentUser(fixture, theirs);
        users.create(fixture.prefix + ".nobody", "agent-password-1", Role.AGENT);

        assertThat(Http.on(port).as(fixture.prefix + ".nobody", "agent-password-1").get("/api/desk").status())
                .isEqualTo(404);
        assertThat(me.post("/api/desk/state", "{\"action\":\"LOGIN\"}").json().path("state").asString())
                .isEqualTo("READY");
        assertThat(me.post("/api/desk/state", "{\"action\":\"PAUSE\",\"reason\":\"MEAL\"}").json().path("pauseReason")
                .asString()).isEqualTo("MEAL");
        assertThat(me.post("/api/desk/state", "{\"action\":\"READY\"}").json().path("state").asString()).isEqualTo("READY");
        RoutingFixture.Caller before = fixture.call(RouteRequest.toGroup(group), a -> a.from("13500001234"));
        assertThat(before.result().agent()).isEqualTo(mine);
        fixture.awaitState(mine, AgentState.READY);

        RoutingFixture.Caller caller = fixture.call(new RouteRequest(group, null, 0, Map.of("idVerified", "true",
                "path", "1-2")), a -> a.from("13500001234").holdOn("EXEC \"Dial\""));
        caller.session.awaitHeld();
        fixture.awaitState(mine, AgentState.RESERVED);

        Http.Response pop = me.get("/api/desk/call");
        assertThat(pop.status()).isEqualTo(200);
        assertThat(pop.json().path("callerNumber").asString()).isEqualTo("13500001234");
        assertThat(pop.json().path("idVerified").asBoolean()).isTrue();
        assertThat(pop.json().path("ivr").path("path").asString()).isEqualTo("1-2");
        assertThat(pop.json().path("previousContacts").get(0).path("callId").asString()).isEqualTo(before.callId());
        assertThat(pop.json().path("previousContacts").get(0).path("agent").asString()).isEqualTo(mine);
        assertThat(colleague.get("/api/desk/call").status()).isEqualTo(204);
        assertThat(me.post("/api/desk/state", "{\"action\":\"LOGOUT\"}").status()).isEqualTo(409);

        caller.session.release();
        assertThat(caller.result().agent()).isEqualTo(mine);
        assertThat(me.post("/api/desk/wrap-up", "{\"classification\":\"110103\",\"note\":\"sent the list\"}")
                .status()).isEqualTo(200);
        assertThat(records.find(caller.callId()).orElseThrow().routing().disposition()).isEqualTo("110103");
        assertThat(records.find(caller.callId()).orElseThrow().routing().note()).isEqualTo("sent the list");
        assertThat(me.get("/api/desk/calls").body()).contains(caller.callId()).contains(before.callId());
        assertThat(colleague.get("/api/desk/calls").body()).doesNotContain(caller.callId());
    }

    private Http agentUser(RoutingFixture fixture, String workNumber) {
        String username = fixture.prefix + ".agent" + workNumber;
        users.create(username, "agent-password-1", Role.AGENT);
        admin.putAgent(new RoutingAdmin.AgentSpec(workNumber, "Agent " + workNumber, RoutingFixture.endpoint(workNumber),
                "central", username, null, store.skills().get(workNumber)), "central");
        return Http.on(port).as(username, "agent-password-1");
    }

    private RoutingFixture fixture() {
        return new RoutingFixture(service);
    }
}
