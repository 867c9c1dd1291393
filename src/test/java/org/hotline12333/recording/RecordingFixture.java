package org.hotline12333.recording;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.hotline12333.call.CallStarted;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.StandInAsterisk;
import org.springframework.context.ApplicationContext;

/**
 * Recorded calls through the real service, as the IVR will make them: answer, start recording, talk, hang up. The
 * stand-in's MixMonitor writes the files; the fixture waits until the service has closed the recording.
 */
final class RecordingFixture {

    static final String RECORDED = "recorded";

    private static final Set<Path> OWN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private final int agiPort;
    private final int httpPort;
    private final ScriptedCalls scripted;
    private final CallRecorder recorder;
    private final RecordedEvents events;
    private final RecordingRepository recordings;
    private final RecordingCloser closer;
    private final Path directory;

    RecordingFixture(ApplicationContext service) {
        this.agiPort = service.getEnvironment().getRequiredProperty("local.agi.port", Integer.class);
        this.httpPort = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        this.scripted = service.getBean(ScriptedCalls.class);
        this.recorder = service.getBean(CallRecorder.class);
        this.events = service.getBean(RecordedEvents.class);
        this.recordings = service.getBean(RecordingRepository.class);
        this.closer = service.getBean(RecordingCloser.class);
        this.directory = service.getBean(RecordingsProperties.class).directory().toAbsolutePath();
        if (!directory.equals(StandInAsterisk.recordingsRoot()) && OWN_DIRECTORIES.add(directory)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> StandInAsterisk.deleteTree(directory)));
        }
        scripted.register(RECORDED, call -> talk(recorder, call));
    }

    int agiPort() {
        return agiPort;
    }

    /** The REST API as the test kit's administrator, a supervisor. */
    Http supervisor() {
        return Http.on(httpPort).as("admin", "test-admin-password");
    }

    /** The REST API as this user. */
    Http as(String username, String password) {
        return Http.on(httpPort).as(username, password);
    }

    ScriptedCalls scripted() {
        return scripted;
    }

    CallRecorder recorder() {
        return recorder;
    }

    RecordedEvents events() {
        return events;
    }

    RecordingRepository recordings() {
        return recordings;
    }

    private static void talk(CallRecorder recorder, CallChannel call) {
        call.answer();
        recorder.start(call);
        call.play("welcome", "");
        call.play("main-menu", "");
        call.hangup();
    }

    /** A call of the "recorded" scenario, set up by the test, run to its end. */
    SimulatedCall call(UnaryOperator<AgiStandIn> setUp) {
        return setUp.apply(AgiStandIn.call(agiPort).script("scripted?scenario=" + RECORDED).recordingsRoot(directory))
                .start().awaitEnd();
    }

    /**
     * The service's recordings directory, where the stand-in's MixMonitor writes: the shared one, or one of the
     * test's own named with {@code hotline.test.recordings-directory} (see
     * {@link org.hotline12333.testkit.OwnFilesTest}).
     */
    Path directory() {
        return directory;
    }

    String callIdOf(SimulatedCall session) {
        return events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId())).callId();
    }

    /** The recording of this call once the service has closed it (COMPLETE, FAILED or SIDECAR_PENDING). */
    RecordingView closed(SimulatedCall session) {
        String callId = callIdOf(session);
        return await().alias("recording of call " + callId + " closed")
                .until(() -> recordings.findByCallId(callId).map(Recording::view).orElse(null),
                        recording -> recording != null && recording.state() != RecordingState.RECORDING);
    }

    /** Waits until the closer has nothing left to do (hang-ups handled, files checked, sidecars written). */
    void idle() {
        await().alias("recording closer idle").until(closer::idle);
    }
}
