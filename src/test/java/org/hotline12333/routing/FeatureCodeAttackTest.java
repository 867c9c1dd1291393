package org.hotline12333.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Fake FastAGI clients running the agents' login feature code (agent?action=login) over real sockets: a forged
 * Local channel, a peer that is not Asterisk, a busy agent, a brute-forced PIN. None may re-point an agent's phone;
 * the real agent still logs in.
 */
@HotlineTest
class FeatureCodeAttackTest {

    @Autowired
    ApplicationContext service;
    @Value("${local.agi.port}")
    int agiPort;
    @Value("${local.server.port}")
    int httpPort;
    @Autowired
    AgentDesk desk;
    @Autowired
    Alerts alerts;
    @Autowired
    TestClock clock;

    RoutingFixture fixture;
    /** In the past: nothing in the shared service may remember a time still to come once the clock is reset. */
    final Instant start = Instant.now().minus(Duration.ofHours(2));

    @BeforeEach
    void fixture() {
        fixture = new RoutingFixture(service);
        clock.set(start);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aForgedLocalChannelCannotRepointAnAgentsPhone() {
        String agent = fixture.agent(Map.of(fixture.group("pension"), 1));
        desk.login(agent, null, null);
        desk.pause(agent, PauseReason.MEAL);

        AgiStandIn.SimulatedCall fake = AgiStandIn.call(agiPort).script("agent?action=login")
                .header("agi_channel", "Local/0099@hotline-outbound-00000001;1").header("agi_type", "Local")
                .keys(agent + "#4321#").start().awaitEnd();

        assertThat(fake.played()).containsExactly("hotline/agent-unknown-phone");
        assertThat(fake.commands()).noneMatch(c -> c.startsWith("GET DATA"));
        JsonNode seen = agentOverHttp(agent);
        assertThat(seen.path("endpoint").asString()).isEqualTo(RoutingFixture.endpoint(agent));
        assertThat(seen.path("state").asString()).isEqualTo("PAUSED");
    }

    @Test
    void aPeerThatIsNotAnAsteriskNodeIsNotBelievedEvenWithAStaffPhonesChannel() {
        String agent = fixture.agent(Map.of(fixture.group("pension"), 1));
        String phone = RoutingFixture.endpoint(agent);

        // 127.0.0.3 may connect (hotline.agi.allowed-peers) but is not the address of any Asterisk node
        AgiStandIn.SimulatedCall fake = AgiStandIn.call(agiPort).fromAddress("127.0.0.3").script("agent?action=login")
                .header("agi_channel", phone + "-0000007f").keys(agent + "#4321#").start().awaitEnd();

        assertThat(fake.played()).containsExactly("hotline/agent-unknown-phone");
        assertThat(fixture.row(agent).state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(fixture.row(agent).endpoint()).isEqualTo(phone);
    }

    @Test
    void aPhoneThatIsNoStaffPhoneCannotBeBoundEvenWithTheRightPin() {
        String agent = fixture.agent(Map.of(fixture.group("pension"), 1));

        AgiStandIn.SimulatedCall fromCarrier = featureCode("login", "PJSIP/carrier", agent + "#4321#");

        assertThat(fromCarrier.played()).containsExactly("hotline/agent-unknown-phone");
        assertThat(fixture.row(agent).state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(fixture.row(agent).endpoint()).isEqualTo(RoutingFixture.endpoint(agent));
    }

    @Test
    void aRefusedLoginChangesNothing() {
        String group = fixture.group("pension");
        String agent = fixture.agent(Map.of(group, 1));
        String colleague = fixture.agent(Map.of(group, 1));
        desk.login(agent, null, null);
        desk.pause(agent, PauseReason.TRAINING);

        // the colleague's phone is a staff phone and the PIN is right, but a paused agent is not moved
        AgiStandIn.SimulatedCall login = featureCode("login", RoutingFixture.endpoint(colleague), agent + "#4321#");

        assertThat(login.played()).endsWith("hotline/agent-not-now");
        assertThat(fixture.row(agent).endpoint()).isEqualTo(RoutingFixture.endpoint(agent));
        assertThat(fixture.row(agent).state()).isEqualTo(AgentState.PAUSED);
    }

    @Test
    void wrongPinsAcrossCallsLockTheWorkNumberAlertSupervisorsAndTheLockEnds() {
        String agent = fixture.agent(Map.of(fixture.group("pension"), 1));
        String phone = RoutingFixture.endpoint(agent);

        // 3 wrong PINs on one call, 2 on the next: 5 within 30 minutes lock the work number
        featureCode("login", phone, agent + "#0000#", agent + "#1111#", agent + "#2222#");
        AgiStandIn.SimulatedCall locking = featureCode("login", phone, agent + "#3333#", agent + "#4444#");
        assertThat(locking.played()).endsWith("hotline/agent-login-failed", "hotline/agent-enter-work-number",
                "hotline/agent-enter-pin", "hotline/agent-login-locked");

        // the right PIN is not even tried while the lock lasts
        AgiStandIn.SimulatedCall rightPin = featureCode("login", phone, agent + "#4321#");
        assertThat(rightPin.played()).endsWith("hotline/agent-login-locked");
        assertThat(fixture.row(agent).state()).isEqualTo(AgentState.LOGGED_OUT);
        assertThat(alerts.open(500)).filteredOn(a -> a.subject().equals("agent-pin " + agent)).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(AlertKind.SECURITY))
                .satisfies(a -> assertThat(a.message()).contains("after 5 wrong PINs", phone));

        clock.set(start.plus(Duration.ofMinutes(31)));
        AgiStandIn.SimulatedCall later = featureCode("login", phone, agent + "#4321#");
        assertThat(later.played()).endsWith("hotline/agent-logged-in");
        assertThat(fixture.row(agent).state()).isEqualTo(AgentState.READY);
    }

    @Test
    void unknownWorkNumbersAreLockedAlikeSoALockTellsNothing() {
        String unknown = fixture.prefix.substring(1) + "99";
        String phone = RoutingFixture.endpoint(fixture.agent(Map.of(fixture.group("pension"), 1)));

        featureCode("login", phone, unknown + "#0000#", unknown + "#1111#", unknown + "#2222#");
        AgiStandIn.SimulatedCall locked = featureCode("login", phone, unknown + "#3333#", unknown + "#4444#",
                unknown + "#5555#");

        assertThat(locked.played()).endsWith("hotline/agent-login-locked");
    }

    private AgiStandIn.SimulatedCall featureCode(String action, String phone, String... keys) {
        AgiStandIn call = AgiStandIn.call(agiPort).script("agent?action=" + action)
                .header("agi_channel", phone + "-0000007f").from(DialStrings.extension(phone));
        for (String k : keys) {
            call.keys(k);
        }
        return call.start().awaitEnd(Duration.ofSeconds(30));
    }

    private JsonNode agentOverHttp(String workNumber) {
        Http.Response agents = Http.on(httpPort).as("admin", "test-admin-password").get("/api/routing/agents");
        assertThat(agents.status()).isEqualTo(200);
        for (JsonNode agent : agents.json()) {
            if (agent.path("workNumber").asString().equals(workNumber)) {
                return agent;
            }
        }
        throw new AssertionError("agent " + workNumber + " not in " + agents.body());
    }
}
