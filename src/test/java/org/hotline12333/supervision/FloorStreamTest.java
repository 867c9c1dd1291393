package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.hotline12333.call.CallStarted;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.EventStream;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The floor's event stream, read as a browser reads it, while a caller goes through the real 12333 menu to a person:
 * the call appears, goes through the IVR and the queue, is picked up by an agent, and leaves.
 */
@HotlineTest
class FloorStreamTest {

    @LocalServerPort
    int port;
    @Value("${local.agi.port}")
    int agiPort;
    @Autowired
    TestClock clock;
    @Autowired
    RecordedEvents events;
    @Autowired
    Floor floor;
    @Autowired
    FloorStream subscribers;

    @BeforeEach
    void mondayMorning() {
        clock.set(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("Asia/Shanghai")).toInstant());
    }

    String agent;

    /** The agent leaves the general group's floor again, so later tests' callers meet only their own agents. */
    @AfterEach
    void realTimeAndAgentLoggedOut() {
        clock.reset();
        if (agent != null) {
            FloorAgents.desk(port, agent).post("/api/desk/state", "{\"action\":\"LOGOUT\"}");
        }
    }

    @Test
    void theStreamDeliversACallsStartItsPickupByAnAgentAndItsEnd() {
        Supervisors.create(port, "stream.lead");
        agent = FloorAgents.ready(port, "general");
        try (EventStream stream = EventStream.open(port, "/api/supervision/stream", "stream.lead",
                Supervisors.PASSWORD)) {
            assertThat(stream.status()).isEqualTo(200);
            stream.await("snapshot", snapshot -> snapshot.path("agents").isArray());

            AgiStandIn.SimulatedCall caller = AgiStandIn.call(agiPort).script("ivr?menu=12333").from("13812340001")
                    .keys("0").keys("1").start();
            String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(caller.uniqueId())).callId();
            caller.awaitEnd();

            EventStream.Event ended = stream.await("call-ended", data -> callId.equals(data.path("callId").asString()));
            List<EventStream.Event> about = stream.about(callId);
            List<String> stages = about.stream().filter(e -> e.type().equals("call"))
                    .map(e -> e.data().path("stage").asString()).distinct().toList();
            assertThat(stages).containsExactly("SERVICE", "IVR", "QUEUED", "RINGING", "TALKING", "AFTER_AGENT");
            assertThat(about.stream().filter(e -> e.data().path("stage").asString().equals("AFTER_AGENT"))
                    .map(e -> e.data().path("ivrNode").asString(""))).contains("survey");
            EventStream.Event started = about.get(0);
            assertThat(started.type()).isEqualTo("call");
            assertThat(started.data().path("caller").asString()).isEqualTo("138****0001");
            // the call's own events end with its end; the agent's may still name it after that (wrap-up, a re-read
            // of the floor), since the agent's state and the call's stage are changed by different threads
            List<EventStream.Event> ofTheCall = about.stream().filter(e -> !e.type().equals("agent")).toList();
            assertThat(ofTheCall).extracting(EventStream.Event::type).last().isEqualTo("call-ended");
            assertThat(ofTheCall.indexOf(ended)).isEqualTo(ofTheCall.size() - 1);

            EventStream.Event pickedUp = about.stream().filter(e -> e.type().equals("call")
                    && e.data().path("stage").asString().equals("TALKING")).findFirst().orElseThrow();
            String by = pickedUp.data().path("agent").asString();
            assertThat(by).isNotBlank();
            stream.await("agent", data -> by.equals(data.path("workNumber").asString())
                    && data.path("state").asString().equals("ON_CALL") && callId.equals(data.path("callId").asString()));
            assertThat(about.stream().filter(e -> e.data().path("stage").asString().equals("IVR"))
                    .map(e -> e.data().path("ivrNode").asString())).contains("main");
        }
    }

    @Test
    void aQuietStreamGetsHeartbeats() {
        Supervisors.create(port, "heartbeat.lead");
        try (EventStream stream = EventStream.open(port, "/api/supervision/stream", "heartbeat.lead",
                Supervisors.PASSWORD)) {
            stream.await("snapshot", snapshot -> true);
            stream.await("heartbeat", beat -> beat.has("at"));
        }
    }

    /** After the floor missed events, every page is told to load it again, and its stream ends cleanly. */
    @Test
    void aResyncEndsTheStreamAndTheNextOneStartsFromASnapshot() {
        Supervisors.create(port, "resync.lead");
        try (EventStream first = EventStream.open(port, "/api/supervision/stream", "resync.lead",
                Supervisors.PASSWORD)) {
            first.await("snapshot", snapshot -> true);

            floor.submit(model -> subscribers.resyncAll());

            first.await("resync", data -> data.has("reason"));
            first.awaitEnd();
        }
        try (EventStream second = EventStream.open(port, "/api/supervision/stream", "resync.lead",
                Supervisors.PASSWORD)) {
            second.await("snapshot", snapshot -> snapshot.path("settings").path("serviceLevelSeconds").asInt() == 15);
        }
    }

    /**
     * A conversation Asterisk has but no call of the service claims (after a restart: callers the dialplan's fallback
     * took) appears on the floor from AMI's live channels, and leaves when Asterisk hangs it up.
     */
    @Test
    void aConversationOnlyAsteriskKnowsAppearsFromTheLiveChannelsAndLeaves() {
        clock.reset(); // the floor waits pbx-grace on its own clock before it shows such a conversation
        Supervisors.create(port, "pbx.lead");
        try (EventStream stream = EventStream.open(port, "/api/supervision/stream", "pbx.lead", Supervisors.PASSWORD)) {
            stream.await("snapshot", snapshot -> true);

            StandInAsterisk.ami().newChannel("1763990000.7", "PJSIP/trunk-00000777", "13700001234");

            String id = "pbx:" + StandInAsterisk.NODE + "|1763990000.7";
            EventStream.Event shown = stream.await("call", call -> id.equals(call.path("callId").asString()));
            assertThat(shown.data().path("stage").asString()).isEqualTo("PBX");
            assertThat(shown.data().path("caller").asString()).isEqualTo("137****1234");
            StandInAsterisk.ami().hangup("1763990000.7", 16, "Normal Clearing");
            stream.await("call-ended", ended -> id.equals(ended.path("callId").asString()));
        }
    }

    @Test
    void agentsGetNoStream() {
        Supervisors.user(port, "stream.agent", "AGENT");
        try (EventStream stream = EventStream.open(port, "/api/supervision/stream", "stream.agent",
                Supervisors.PASSWORD)) {
            assertThat(stream.status()).isEqualTo(403);
        }
    }
}
