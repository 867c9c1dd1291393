package org.hotline12333.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.recording.Recordings;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * An agent opens only the calls they took, and hears only their own recordings in a caller's history; another
 * agent's call is refused with the reason, an unknown one is not found.
 */
@HotlineTest
class DeskCallAccessTest {

    @Autowired
    ApplicationContext service;
    @Autowired
    Recordings recordings;

    DeskFixture fixture;
    final List<TestAgent> agents = new ArrayList<>();

    @BeforeEach
    void mondayMorning() {
        fixture = new DeskFixture(service);
        fixture.clock.set(ZonedDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
    }

    @AfterEach
    void realTimeAndAgentsLoggedOut() {
        fixture.clock.reset();
        agents.forEach(a -> a.http(fixture.port).post("/api/desk/state", "{\"action\":\"LOGOUT\"}"));
    }

    @Test
    void anAgentOpensOnlyTheirOwnCallsAndPlaysOnlyTheirOwnRecordingsInTheHistory() {
        TestAgent mine = pensionAgent();
        TestAgent theirs = pensionAgent();
        Http me = mine.http(fixture.port);
        Http colleague = theirs.http(fixture.port);
        String caller = DeskFixture.callerNumber();

        String first = talk(mine, caller);
        String second = talk(theirs, caller);
        DeskFixture.require(me.post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        DeskFixture.Caller third = fixture.call(caller, "1", "1", "0");
        third.answeredBy(mine);

        Http.Response refused = colleague.get("/api/desk/calls/" + first);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).isEqualTo("call " + first + " is not yours: agent "
                + mine.workNumber() + " answered it; an agent opens only the calls they took (you are agent "
                + theirs.workNumber() + ")");
        assertThat(colleague.get("/api/desk/calls/" + third.callId + "/history").status()).isEqualTo(403);
        Http.Response unknown = colleague.get("/api/desk/calls/no-such-call");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asString()).isEqualTo("no call no-such-call");

        JsonNode earlier = me.get("/api/desk/calls/" + first).json();
        assertThat(earlier.path("stage").asString()).isEqualTo("ENDED");
        assertThat(earlier.path("pathWords").asString()).isEqualTo("社会保险 › 养老保险 › 人工");

        await().until(() -> recordings.findByCall(first).isPresent()
                && recordings.findByCall(second).isPresent());
        JsonNode history = me.get("/api/desk/calls/" + third.callId + "/history").json();
        assertThat(history.valueStream().map(c -> c.path("callId").asString())).containsExactly(second, first);
        JsonNode theirCall = history.get(0);
        JsonNode myCall = history.get(1);
        assertThat(theirCall.path("agent").asString()).isEqualTo(theirs.workNumber());
        assertThat(theirCall.path("recordingId").isNull()).isTrue();
        assertThat(theirCall.path("satisfaction").asString()).isEqualTo("SATISFIED");
        assertThat(myCall.path("recordingId").asString()).isEqualTo(recordings.findByCall(first).orElseThrow().id());
        assertThat(me.getBytes("/api/recordings/" + myCall.path("recordingId").asString() + "/audio").status())
                .isEqualTo(200);
        third.hangUp();
    }

    /**
     * The wrap-up form of a call stays open while the agent goes ready and takes the next one: saved, it classifies
     * its own call, not the one on now; nobody wraps up a call that is not theirs.
     */
    @Test
    void aWrapUpSavedAfterTheNextCallCameClassifiesItsOwnCall() {
        TestAgent agent = pensionAgent();
        TestAgent other = pensionAgent();
        Http desk = agent.http(fixture.port);
        DeskFixture.require(desk.post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        DeskFixture.Caller first = fixture.call(DeskFixture.callerNumber(), "1", "1", "0");
        first.answeredBy(agent);
        first.hangUp();
        DeskFixture.require(desk.post("/api/desk/state", "{\"action\":\"READY\"}")); // as when the wrap-up time ran out
        DeskFixture.Caller next = fixture.call(DeskFixture.callerNumber(), "1", "1", "0");
        next.answeredBy(agent);

        DeskFixture.require(desk.post("/api/desk/wrap-up", "{\"callId\":\"" + first.callId
                + "\",\"classification\":\"110103\",\"note\":\"转移接续\"}"));

        assertThat(fixture.records().find(first.callId).orElseThrow().routing().disposition()).isEqualTo("110103");
        assertThat(fixture.records().find(next.callId).orElseThrow().routing().disposition()).isNull();
        assertThat(desk.get("/api/desk").json().path("state").asString()).isEqualTo("ON_CALL");
        Http.Response notTheirs = other.http(fixture.port).post("/api/desk/wrap-up", "{\"callId\":\""
                + next.callId + "\",\"classification\":\"110104\"}");
        assertThat(notTheirs.status()).isEqualTo(409);
        assertThat(notTheirs.json().path("detail").asString()).isEqualTo("call " + next.callId + " is not one of agent "
                + other.workNumber() + "'s calls: there is nothing of theirs to wrap up");
        next.hangUp();
    }

    /** A new agent of the pension group, logged out after the test. */
    private TestAgent pensionAgent() {
        TestAgent agent = TestAgent.create(fixture.port, "pension");
        agents.add(agent);
        return agent;
    }

    /** The agent answers one call from the caller and hangs up; ten minutes later on the service's clock. */
    private String talk(TestAgent agent, String caller) {
        DeskFixture.require(agent.http(fixture.port).post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        DeskFixture.Caller call = fixture.call(caller, "1", "1", "0");
        call.answeredBy(agent);
        call.hangUp();
        DeskFixture.require(agent.http(fixture.port).post("/api/desk/state", "{\"action\":\"LOGOUT\"}"));
        fixture.clock.set(fixture.clock.instant().plus(Duration.ofMinutes(10)));
        return call.callId;
    }
}
