package org.hotline12333.quality;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.EndedBy;
import org.hotline12333.call.NewCall;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.recording.CallRecorder;
import org.hotline12333.recording.RecordingState;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.TestClock;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.context.ApplicationContext;

/**
 * Calls as quality sees them, made through the real service: answered calls written to the Call records as routing
 * writes them (agent, answer, end of talk, wrap-up, survey), and recorded ones made through the Asterisk stand-in
 * (answer, recording, the agent put on the call, hang-up) with the recording closed by the recording feature.
 */
final class QualityFixture {

    static final String PASSWORD = "quality-test-password";
    private static final String RECORDED = "quality-recorded";
    private static final AtomicInteger NUMBERS = new AtomicInteger((int) (System.nanoTime() % 1000) * 10);

    private final int agiPort;
    private final int httpPort;
    private final CallRecords calls;
    private final Recordings recordings;
    private final Users users;
    private final RecordedEvents events;
    private final ApplicationContext service;

    QualityFixture(ApplicationContext service) {
        this.service = service;
        this.agiPort = service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
        this.httpPort = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        this.calls = service.getBean(CallRecords.class);
        this.recordings = service.getBean(Recordings.class);
        this.users = service.getBean(Users.class);
        this.events = service.getBean(RecordedEvents.class);
        CallRecorder recorder = service.getBean(CallRecorder.class);
        service.getBean(ScriptedCalls.class).register(RECORDED, call -> recordedCall(call, recorder));
    }

    /** The test kit's administrator (also a supervisor). */
    Http admin() {
        return as("admin", "test-admin-password");
    }

    Http as(String username, String password) {
        return Http.on(httpPort).as(username, password);
    }

    /** A new user with this role; the password is {@link #PASSWORD}. */
    Http user(String username, Role role) {
        users.create(username, PASSWORD, role);
        return as(username, PASSWORD);
    }

    /** A work number (工号) no other test uses. */
    static String workNumber() {
        return Integer.toString(880000 + NUMBERS.incrementAndGet());
    }

    /** A routing agent linked to a new AGENT user of the same name as the work number; the user's API. */
    Http agent(String workNumber, String name) {
        Http.Response put = admin().put("/api/routing/agents/" + workNumber, "{\"workNumber\":\"" + workNumber
                + "\",\"name\":\"" + name + "\",\"endpoint\":\"PJSIP/" + workNumber + "\",\"username\":\"a" + workNumber
                + "\",\"skills\":{\"general\":1}}");
        if (put.status() != 200) {
            throw new AssertionError("agent " + workNumber + " not created: " + put.status() + " " + put.body());
        }
        return user("a" + workNumber, Role.AGENT);
    }

    /**
     * A call the agent answered at {@code connectedAt} and talked for {@code talk}; wrap-up after it when given,
     * and the caller's survey answer when given. Closed, as after the caller hung up.
     */
    String answered(String agent, Instant connectedAt, Duration talk, Duration wrapUp, Satisfaction survey) {
        String callId = calls.open(new NewCall("central", "q." + NUMBERS.incrementAndGet(), "PJSIP/carrier-q",
                "13800138000", null, "12333", "ivr"));
        calls.queued(callId, "general", 0, Map.of(), connectedAt.minusSeconds(5));
        calls.connected(callId, agent, "GROUP", "test call", connectedAt);
        if (talk != null) {
            calls.routingEnded(callId, CallOutcome.ANSWERED, connectedAt.plus(talk));
            if (wrapUp != null) {
                calls.wrappedUp(callId, "answered", null, connectedAt.plus(talk).plus(wrapUp));
            }
        }
        if (survey != null) {
            calls.recordSatisfaction(callId, survey);
        }
        calls.close(callId, EndedBy.CALLER, "caller hung up");
        return callId;
    }

    /** A call through the stand-in: answered, recorded, taken by the agent; returns it once its recording is closed. */
    RecordingView recorded(String agent, Instant connectedAt) {
        return closed(call(agent, connectedAt).start().awaitEnd());
    }

    /** The same call, held while the agent talks (the stand-in holds back the reply to the agent's prompt). */
    AgiStandIn.SimulatedCall inProgress(String agent, Instant connectedAt) {
        return call(agent, connectedAt).holdOn("STREAM FILE").start().awaitHeld();
    }

    String callIdOf(AgiStandIn.SimulatedCall session) {
        return events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
    }

    /** The call's recording once the recording feature has closed it. */
    RecordingView closed(AgiStandIn.SimulatedCall session) {
        String callId = callIdOf(session);
        return await().alias("the recording of call " + callId + " closed")
                .until(() -> recordings.findByCall(callId).orElse(null),
                        recording -> recording != null && recording.state() != RecordingState.RECORDING);
    }

    private AgiStandIn call(String agent, Instant connectedAt) {
        return AgiStandIn.call(agiPort)
                .script("scripted?scenario=" + RECORDED + "&agent=" + agent + "&connected=" + connectedAt);
    }

    private void recordedCall(CallChannel call, CallRecorder recorder) {
        call.answer();
        recorder.start(call);
        String callId = call.info().callId();
        Instant connected = Instant.parse(call.info().parameter("connected"));
        calls.queued(callId, "general", 0, Map.of(), connected.minusSeconds(5));
        calls.connected(callId, call.info().parameter("agent"), "GROUP", "test call", connected);
        call.play("welcome", "");
        calls.routingEnded(callId, CallOutcome.ANSWERED, connected.plusSeconds(60));
        call.hangup();
    }

    /**
     * Runs one of quality's Quartz jobs now, with the service's clock at {@code now}, and waits until the resource
     * at {@code path} exists (what the job makes).
     */
    void runJob(String job, Instant now, String path) throws SchedulerException {
        TestClock clock = service.getBean(TestClock.class);
        clock.set(now);
        try {
            service.getBean(Scheduler.class).triggerJob(new JobKey(job, QualitySchedule.GROUP));
            await().alias(path + " made by " + job).until(() -> admin().get(path).status() == 200);
        } finally {
            clock.reset();
        }
    }
}
