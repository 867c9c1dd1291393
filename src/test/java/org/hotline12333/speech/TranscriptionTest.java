package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.security.Role;
import org.hotline12333.security.Users;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.SpokenAudio.Spoken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recordings of rendered Mandarin speech, closed as the recording feature closes them, through the whole speech
 * pipeline with {@link SpeechModelStandIn} in place of the model: queue, legs at 8 kHz, transcript in the database
 * and sidecar, findings with offsets, events, alert, and the supervisors' API.
 */
@SpeechTest
class TranscriptionTest {

    @TempDir
    static Path dir;

    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    SpeechModelStandIn standIn;
    @Autowired
    RecordedEvents events;
    @Autowired
    Transcripts transcripts;
    @Autowired
    Alerts alerts;
    @Autowired
    Users users;
    @Autowired
    JdbcClient db;
    @LocalServerPort
    int port;

    @Test
    void aForbiddenPhraseIsFoundAtItsOffsetOnTheAgentLegAndNotOnTheCallerLeg() {
        CallAudio call = SpeechScenarios.forbiddenPhrase(dir, "forbidden").toldTo(standIn);

        FindingsReady ready = transcribed(call);
        List<Finding> forbidden = ready.ofKind(FindingKind.FORBIDDEN_PHRASE);
        assertThat(forbidden).hasSize(1);
        Finding finding = forbidden.get(0);
        Spoken said = call.agent().spoken(SpeechScenarios.FORBIDDEN_SAID);
        assertThat(finding.speaker()).isEqualTo(Speaker.AGENT);
        assertThat(finding.phrase()).isEqualTo("不知道");
        // "不知道" is the last half of "这个我不知道"
        double middle = (said.start() + said.end()) / 2;
        assertThat(finding.start()).isBetween(middle - 0.5, middle + 0.5);
        assertThat(finding.end()).isBetween(said.end() - 0.5, said.end() + 0.05);
        assertThat(ready.ofKind(FindingKind.GREETING)).hasSize(1);
        assertThat(ready.ofKind(FindingKind.CLOSING)).hasSize(1);

        VetoProposed veto = events.await(VetoProposed.class, v -> v.recordingId().equals(call.recordingId()));
        assertThat(veto.callId()).isEqualTo(call.closed().callId());
        assertThat(veto.evidence()).containsExactly(finding);
        // the alert is raised after the veto is proposed: wait for it rather than read the table at once
        AlertView alert = events.await(AlertRaised.class, raised -> raised.alert().kind() == AlertKind.FORBIDDEN_PHRASE
                && raised.alert().subject().equals(call.closed().callId())).alert();
        assertThat(alert.message()).contains("「不知道」 at 0:" + String.format("%02d", (long) finding.start()));
        assertThat(alerts.open(1000)).extracting(AlertView::id).contains(alert.id());
    }

    @Test
    void theTranscriptIsStoredAndWrittenAsASidecarValidAgainstTheSchema() throws Exception {
        CallAudio call = CallAudio.render(dir, "stored",
                SpokenAudio.leg().silence(4.5).say("我想问一下养老保险"),
                SpokenAudio.leg().silence(0.5).say("您好请问有什么可以帮您").silence(4).say("请您带上身份证"))
                .toldTo(standIn);

        publisher.publishEvent(call.closed());

        TranscriptReady ready = events.await(TranscriptReady.class, t -> t.recordingId().equals(call.recordingId()));
        assertThat(ready.sidecar()).isEqualTo(call.sidecar());
        assertThat(ready.utterances()).isEqualTo(3);
        assertThat(TranscriptSchema.problems(call.sidecar())).isEmpty();
        JsonNode sidecar = JsonMapper.builder().build().readTree(Files.readString(call.sidecar()));
        assertThat(sidecar.path("model").asString()).isEqualTo(SpeechModelStandIn.MODEL);
        assertThat(sidecar.path("sampleRate").asInt()).isEqualTo(8000);
        assertThat(sidecar.path("utterances").get(1).path("speaker").asString()).isEqualTo("caller");

        // TranscriptReady is published inside the transaction that stores the transcript: wait for its commit
        Transcript stored = await().until(() -> transcripts.ofRecording(call.recordingId()),
                java.util.Optional::isPresent).orElseThrow().transcript();
        assertThat(stored.utterances()).extracting(Utterance::speaker, Utterance::text).containsExactly(
                tuple(Speaker.AGENT, "您好请问有什么可以帮您"), tuple(Speaker.CALLER, "我想问一下养老保险"),
                tuple(Speaker.AGENT, "请您带上身份证"));
        LegTranscriberTest.assertSpokenWhereRendered(stored.of(Speaker.CALLER).get(0), call.caller().spoken().get(0));
        assertThat(stored.utterances().get(0).words()).hasSize(11)
                .allSatisfy(word -> assertThat(word.confidence()).isEqualTo(1.0));
        assertThat(transcripts.ofCall(call.closed().callId())).hasSize(1);
    }

    @Test
    void greetingAndClosingAreMissingWhenTheAgentDidNotSayThem() {
        CallAudio call = SpeechScenarios.noGreetingNoClosing(dir, "rude").toldTo(standIn);

        FindingsReady ready = transcribed(call);
        assertThat(ready.ofKind(FindingKind.GREETING)).isEmpty();
        assertThat(ready.ofKind(FindingKind.CLOSING)).isEmpty();
        assertThat(ready.ofKind(FindingKind.GREETING_MISSING)).hasSize(1);
        assertThat(ready.ofKind(FindingKind.CLOSING_MISSING)).hasSize(1);
        assertThat(ready.ofKind(FindingKind.FORBIDDEN_PHRASE)).isEmpty();
        assertThat(events.ofType(VetoProposed.class, v -> v.recordingId().equals(call.recordingId()))).isEmpty();
    }

    @Test
    void theAgentsSpeechRateIsMeasuredAndRushedSpeechIsAFinding() {
        String sentence = SpeechScenarios.RATE_SENTENCE;
        CallAudio normal = SpeechScenarios.agentSpeaking(dir, "normal-rate", SpokenAudio.NORMAL_SPEED).toldTo(standIn);
        CallAudio rushed = SpeechScenarios.agentSpeaking(dir, "rushed", 450).toldTo(standIn);

        publisher.publishEvent(normal.closed());
        publisher.publishEvent(rushed.closed());

        FindingsReady atNormalSpeed = events.await(FindingsReady.class, f -> f.recordingId().equals(normal.recordingId()));
        FindingsReady atSpeed450 = events.await(FindingsReady.class, f -> f.recordingId().equals(rushed.recordingId()));
        assertThat(atNormalSpeed.measures().agentCharsPerMinute())
                .isBetween(charsPerMinute(sentence, normal.agent().spoken().get(0)),
                        charsPerMinute(sentence, normal.agent().spoken().get(0)) * 1.25);
        assertThat(atSpeed450.measures().agentCharsPerMinute())
                .isGreaterThan(1.5 * atNormalSpeed.measures().agentCharsPerMinute());
        assertThat(atNormalSpeed.ofKind(FindingKind.SPEECH_TOO_FAST)).isEmpty();
        assertThat(atNormalSpeed.ofKind(FindingKind.SPEECH_TOO_SLOW)).isEmpty();
        assertThat(atSpeed450.ofKind(FindingKind.SPEECH_TOO_FAST)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("characters per minute"));
    }

    @Test
    void talkingOverTheAgentAndALongSilenceAreFoundWithTheirTimes() {
        CallAudio call = CallAudio.render(dir, "overlap",
                SpokenAudio.leg().silence(2.5).say("等一下我还没说完"),
                SpokenAudio.leg().silence(0.5).say("您好请问有什么可以帮您您好请问").silence(12).say("让您久等了"))
                .toldTo(standIn);

        FindingsReady ready = transcribed(call);
        Finding talkOver = ready.ofKind(FindingKind.TALK_OVER).stream().findFirst().orElseThrow();
        assertThat(talkOver.speaker()).isEqualTo(Speaker.CALLER);
        assertThat(talkOver.start()).isBetween(2.5, 2.9);
        Finding silence = ready.ofKind(FindingKind.LONG_SILENCE).stream().findFirst().orElseThrow();
        assertThat(silence.end()).isBetween(call.agent().spoken("让您久等了").start() - 0.05,
                call.agent().spoken("让您久等了").start() + 0.4);
        assertThat(ready.measures().talkOverSeconds()).isGreaterThan(1.0);
        assertThat(ready.measures().longestSilenceSeconds()).isGreaterThan(10.0);
    }

    @Test
    void anUnreadableLegFailsItsJobAfterItsAttemptsAndTheApiSaysWhy() throws Exception {
        CallAudio call = CallAudio.render(dir, "unreadable", SpokenAudio.leg().say("喂"),
                SpokenAudio.leg().say("您好")).toldTo(standIn);
        Files.writeString(call.caller().file(), "this is not audio");
        Http supervisor = supervisor();

        publisher.publishEvent(call.closed());

        Http.Response failed = awaitFailure(supervisor, call.recordingId());
        assertThat(failed.json().path("detail").asString())
                .contains("could not be transcribed").contains("unreadable-in.wav is not audio");
        assertThat(events.ofType(FindingsReady.class, f -> f.recordingId().equals(call.recordingId()))).isEmpty();
        assertThat(supervisor.get("/api/speech/recordings/never-recorded").json().path("detail").asString())
                .isEqualTo("no recording never-recorded has been queued for transcription");
    }

    @Test
    void supervisorsReadTranscriptsAndFindingsAgentsMayNot() {
        CallAudio call = CallAudio.render(dir, "api", SpokenAudio.leg().silence(4).say("好的谢谢"),
                SpokenAudio.leg().say("您好这个问题自己去查")).toldTo(standIn);
        publisher.publishEvent(call.closed());
        publisher.publishEvent(call.closed());
        committed(events.await(FindingsReady.class, f -> f.recordingId().equals(call.recordingId())));
        users.create("agent.speech", "agent-password-9", Role.AGENT);

        Http.Response read = supervisor().get("/api/speech/calls/" + call.closed().callId());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).hasSize(1);
        JsonNode analysed = read.json().get(0);
        assertThat(analysed.path("transcript").path("utterances").get(0).path("text").asString()).isEqualTo("您好这个问题自己去查");
        assertThat(analysed.path("findings").findValuesAsString("phrase")).contains("自己去查");
        assertThat(analysed.path("measures").path("agentSeconds").asDouble()).isPositive();
        assertThat(Http.on(port).as("agent.speech", "agent-password-9").get("/api/speech/calls/" + call.closed().callId())
                .status()).isEqualTo(403);
        assertThat(events.ofType(FindingsReady.class, f -> f.recordingId().equals(call.recordingId()))).hasSize(1);
    }

    /** Closes the call's recording as the recording feature does, and waits for its findings, stored. */
    private FindingsReady transcribed(CallAudio call) {
        publisher.publishEvent(call.closed());
        return committed(events.await(FindingsReady.class, f -> f.recordingId().equals(call.recordingId())));
    }

    /**
     * FindingsReady is published inside the transaction that stores the transcript (quality's facts are stored in
     * it too): what a test reads after hearing it waits for that commit (a supervisor's read once found nothing).
     */
    private FindingsReady committed(FindingsReady ready) {
        await().until(() -> transcripts.ofRecording(ready.recordingId()).isPresent());
        return ready;
    }

    @Test
    void aJobLeftRunningByAnInstanceThatIsGoneIsTakenOverWhenItsLeaseRunsOut() {
        CallAudio call = SpeechScenarios.agentSpeaking(dir, "abandoned", SpokenAudio.NORMAL_SPEED).toldTo(standIn);
        db.sql("""
                INSERT INTO speech_job (recording_id, call_id, node, mixed, caller_side, other_side,
                    recording_started_at, state, attempts, queued_at, not_before, claimed_by, claimed_at)
                VALUES (:id, :call, 'central', :mixed, :caller, :other, :started, 'RUNNING', 1, :claimed, :claimed,
                    'instance-gone-for-good', :claimed)""")
                .param("id", call.recordingId()).param("call", call.closed().callId())
                .param("mixed", call.closed().mixed().toString()).param("caller", call.closed().callerSide().toString())
                .param("other", call.closed().otherSide().toString())
                .param("started", Timestamp.from(call.closed().startedAt()))
                .param("claimed", Timestamp.from(Instant.now().minusSeconds(3600)))
                .update();

        events.await(FindingsReady.class, f -> f.recordingId().equals(call.recordingId()));
    }

    private Http supervisor() {
        return Http.on(port).as("admin", "test-admin-password");
    }

    private static Http.Response awaitFailure(Http supervisor, String recordingId) {
        Http.Response response = await().until(() -> supervisor.get("/api/speech/recordings/" + recordingId),
                r -> r.body().contains("could not be transcribed"));
        assertThat(response.status()).isEqualTo(404);
        return response;
    }

    private static double charsPerMinute(String text, Spoken spoken) {
        return text.length() * 60 / (spoken.end() - spoken.start());
    }
}
