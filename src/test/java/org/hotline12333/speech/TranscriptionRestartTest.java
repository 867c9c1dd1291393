package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.WaitDefaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Stopping the service in the middle of a transcription backlog, and a crash leaving a job claimed: after the
 * restart every recording is transcribed, each once. One recognizer, so the backlog is really waiting.
 */
class TranscriptionRestartTest {

    @TempDir
    static Path dir;

    private static final List<String> ONE_RECOGNIZER = List.of("--hotline.speech.threads=1");

    private Connection keeper;

    @Test
    void aRestartInTheMiddleOfABacklogLosesNoJob() throws Exception {
        String database = SpeechServices.newDatabase();
        keeper = DriverManager.getConnection(database, "hotline", "");
        JdbcClient db = JdbcClient.create(new SingleConnectionDataSource(keeper, true));
        List<CallAudio> backlog = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backlog.add(CallAudio.render(dir, "backlog-" + i, SpokenAudio.leg().silence(1).say("喂"),
                    SpokenAudio.leg().say("您好").silence(1)));
        }
        SpeechModelStandIn firstModel = told(new SpeechModelStandIn(), backlog);
        SpeechModelStandIn.Hold inProgress = firstModel.holdOn(backlog.get(0).closed().callerSide());

        ConfigurableApplicationContext first = SpeechServices.start(database, ONE_RECOGNIZER, firstModel);
        backlog.forEach(call -> first.publishEvent(call.closed()));
        inProgress.awaitReached();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(first::close);
        awaitStopping(first.getBean(TranscriptionQueue.class));
        inProgress.release();
        stopped.get(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(states(db)).containsOnlyKeys(backlog.stream().map(CallAudio::recordingId).toArray(String[]::new))
                .allSatisfy((id, state) -> assertThat(state).isEqualTo("QUEUED/0"));
        // as a crash leaves it: one job claimed by this instance and never finished
        db.sql("UPDATE speech_job SET state = 'RUNNING', attempts = 1, claimed_by = 'speech-test' "
                + "WHERE recording_id = 'backlog-3'").update();

        RecordedEvents events = new RecordedEvents();
        ConfigurableApplicationContext second = SpeechServices.start(database, ONE_RECOGNIZER,
                told(new SpeechModelStandIn(), backlog), events);
        try {
            for (CallAudio call : backlog) {
                events.await(FindingsReady.class, f -> f.recordingId().equals(call.recordingId()));
            }
            awaitIdle(second.getBean(TranscriptionQueue.class));
            assertThat(events.ofType(FindingsReady.class)).hasSize(5);
            assertThat(states(db)).containsEntry("backlog-0", "DONE/1").containsEntry("backlog-3", "DONE/2")
                    .allSatisfy((id, state) -> assertThat(state).startsWith("DONE/"));
            assertThat(db.sql("SELECT COUNT(*) FROM transcript").query(Long.class).single()).isEqualTo(5);
        } finally {
            second.close();
        }
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        if (keeper != null) {
            keeper.close();
        }
    }

    private static SpeechModelStandIn told(SpeechModelStandIn standIn, List<CallAudio> calls) {
        calls.forEach(call -> call.toldTo(standIn));
        return standIn;
    }

    private static Map<String, String> states(JdbcClient db) {
        return db.sql("SELECT recording_id, state, attempts FROM speech_job")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2) + "/" + rs.getInt(3)))
                .list().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void awaitStopping(TranscriptionQueue queue) {
        await().until(() -> !queue.isRunning());
    }

    private static void awaitIdle(TranscriptionQueue queue) {
        await().until(() -> queue.counts().get(SpeechJobs.State.DONE) >= 5);
    }
}
