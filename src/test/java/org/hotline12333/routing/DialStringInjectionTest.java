package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * Injection strings sent over HTTP wherever a dial string enters the service: an agent's phone (administrators),
 * a supervisor's monitoring phone, a hot-desk phone, a three-way call's party. Each is refused with a 400 problem
 * whose detail says why, and nothing is stored; proper phones are still taken.
 */
@HotlineTest
class DialStringInjectionTest {

    private static final String[][] INJECTIONS = {
            {"PJSIP/1001&Local/0099@hotline-outbound", "'&' would ring several phones at once"},
            {"PJSIP/1001,,G(hotline-outbound^0099^1)", "',' would pass options to Dial()"},
            {"Local/0099@hotline-outbound", "Local/ channels run the dialplan"},
            {"PJSIP/0099@carrier", "'@' or a second '/' would send the call to another trunk or context"},
            {"SIP/1001", "phones are PJSIP endpoints"},
            {"PJSIP/1001\r\nAction: Originate", "it contains control characters"},
    };

    @Autowired
    ApplicationContext service;
    @Value("${local.server.port}")
    int port;
    @Autowired
    Users users;

    @Test
    void anAgentsPhoneIsRefusedWithTheReasonAndKept() {
        RoutingFixture fixture = new RoutingFixture(service);
        String workNumber = fixture.agent(Map.of(fixture.group("pension"), 1));
        Http administrator = Http.on(port).as("admin", "test-admin-password");

        for (String[] injection : INJECTIONS) {
            Http.Response refused = administrator.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\""
                    + workNumber + "\",\"name\":\"x\",\"endpoint\":" + json(injection[0]) + "}");
            assertProblem(refused, injection);
        }

        assertThat(fixture.row(workNumber).endpoint()).isEqualTo(RoutingFixture.endpoint(workNumber));
        assertThat(fixture.row(workNumber).name()).isEqualTo("Agent " + workNumber);
        Http.Response moved = administrator.put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber
                + "\",\"name\":\"x\",\"endpoint\":\"PJSIP/1009\"}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().path("endpoint").asString()).isEqualTo("PJSIP/1009");
    }

    @Test
    void aSupervisorsPhoneIsRefusedWithTheReasonAndKept() {
        String name = new RoutingFixture(service).prefix + ".lead";
        users.create(name, "supervisor-password-1", Role.SUPERVISOR);
        Http supervisor = Http.on(port).as(name, "supervisor-password-1");
        assertThat(supervisor.put("/api/supervision/phone", "{\"endpoint\":\"PJSIP/2001\"}").status()).isEqualTo(200);

        for (String[] injection : INJECTIONS) {
            assertProblem(supervisor.put("/api/supervision/phone", "{\"endpoint\":" + json(injection[0]) + "}"),
                    injection);
        }

        assertThat(supervisor.get("/api/supervision/phone").json().path("endpoint").asString()).isEqualTo("PJSIP/2001");
    }

    @Test
    void aHotDeskPhoneIsRefusedWithTheReason() {
        Http administrator = Http.on(port).as("admin", "test-admin-password");

        for (String[] injection : INJECTIONS) {
            assertProblem(administrator.put("/api/routing/phones", "{\"endpoint\":" + json(injection[0]) + "}"),
                    injection);
        }

        assertThat(administrator.get("/api/routing/phones").body()).doesNotContain("Local/").doesNotContain("&");
        assertThat(administrator.put("/api/routing/phones", "{\"endpoint\":\"PJSIP/1011\"}").status()).isEqualTo(200);
        assertThat(administrator.get("/api/routing/phones").body()).contains("\"PJSIP/1011\"");
    }

    @Test
    void aThreeWayPartyIsDigitsOnly() {
        RoutingFixture fixture = new RoutingFixture(service);
        String workNumber = fixture.agent(Map.of(fixture.group("pension"), 1));
        String username = fixture.prefix + ".agent";
        users.create(username, "agent-password-1", Role.AGENT);
        service.getBean(RoutingAdmin.class).putAgent(new RoutingAdmin.AgentSpec(workNumber, "x",
                RoutingFixture.endpoint(workNumber), "central", username, null, null), "central");
        Http agent = Http.on(port).as(username, "agent-password-1");

        Http.Response number = agent.post("/api/desk/three-way", "{\"number\":\"0099&PJSIP/1001\"}");
        Http.Response extension = agent.post("/api/desk/three-way", "{\"extension\":\"1003@hotline-outbound\"}");

        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().path("detail").asString())
                .isEqualTo("'0099&PJSIP/1001' is not a telephone number: 3 to 20 digits, optionally after '+'");
        assertThat(extension.status()).isEqualTo(400);
        assertThat(extension.json().path("detail").asString())
                .isEqualTo("'1003@hotline-outbound' is not an extension: 2 to 20 digits");
    }

    private static void assertProblem(Http.Response response, String[] injection) {
        assertThat(response.status()).as(injection[0]).isEqualTo(400);
        assertThat(response.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.json().path("detail").asString()).as(injection[0]).contains(injection[1]);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }
}
