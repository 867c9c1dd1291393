package org.hotline12333.speech;

import java.nio.file.Path;
import org.hotline12333.call.CallStarted;
import org.hotline12333.recording.CallRecorder;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.TestAgent;
import org.springframework.context.ApplicationContext;

/**
 * Calls for the live-spotting tests, as the IVR makes them: answered, recorded (the stand-in's MixMonitor writing as
 * the call goes) and handed to routing for a group, whose agent's phone rings until the test has the agent answer
 * (as Asterisk reports it over AMI). The call stays on until the test releases the held Dial.
 */
final class LiveCalls {

    private final ApplicationContext service;
    private final ScriptedCalls scripted;
    private final RecordedEvents events;
    private final Path recordings;
    private final int httpPort;

    /** @param recordings the local folder MixMonitor writes into: the service's recordings directory */
    LiveCalls(ApplicationContext service, ScriptedCalls scripted, RecordedEvents events, Path recordings) {
        this.service = service;
        this.scripted = scripted;
        this.events = events;
        this.recordings = recordings;
        this.httpPort = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** A new group with no wrap-up and a ready agent in it; calls for the group are recorded and routed to it. */
    TestAgent agentFor(String group) {
        Http.Response created = Http.on(httpPort).as("admin", "test-admin-password").put("/api/routing/groups/" + group,
                "{\"code\":\"" + group + "\",\"name\":\"实时\",\"wrapUp\":\"PT0S\"}");
        if (created.status() >= 300) {
            throw new AssertionError(created.status() + " " + created.body());
        }
        scripted.register(group, call -> {
            call.answer();
            service.getBean(CallRecorder.class).start(call);
            service.getBean(CallRouting.class).connect(call, RouteRequest.toGroup(group));
        });
        return TestAgent.ready(httpPort, group);
    }

    /** A caller for the group, whose agent's phone is ringing now. */
    Call ringing(String group) {
        AgiStandIn.SimulatedCall session = AgiStandIn.call(service.getEnvironment()
                        .getRequiredProperty("local.agi.port", Integer.class))
                .script(ScriptedCalls.SCRIPT + "?scenario=" + group).from("13812345678").recordingsRoot(recordings)
                .mixMonitorWritesLive().holdOn("EXEC \"Dial\"").start();
        String callId = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
        session.awaitHeld();
        return new Call(session, callId);
    }

    record Call(AgiStandIn.SimulatedCall session, String callId) {

        /** The agent answers on this channel. */
        void answeredOn(String agentChannel) {
            String agentLeg = "1763999999." + Math.abs(agentChannel.hashCode());
            StandInAsterisk.ami().dialBegin(session.uniqueId(), session.channel(), agentLeg, agentChannel, agentChannel);
            StandInAsterisk.ami().dialEnd(session.uniqueId(), session.channel(), agentLeg, agentChannel, "ANSWER");
        }

        /** The agent hangs up: the call ends. */
        void hangUp() {
            session.release();
            session.awaitEnd();
        }
    }
}
