package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import org.hotline12333.call.CallEnded;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallStarted;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.recording.RecordingClosed;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AgiStandIn.SimulatedCall;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.TestAgent;
import org.hotline12333.testkit.TestClock;
import org.hotline12333.testkit.TranscriptRecognizer;
import org.hotline12333.testkit.Wav;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Callers through the real 12333 menu, over FastAGI, with the AGI stand-in playing Asterisk. */
@HotlineTest
class IvrCallTest {

    static final String ID = "110101199003074258";
    static final String PIN = "123456";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Value("${local.agi.port}")
    int agiPort;

    @Autowired
    TestClock clock;

    @LocalServerPort
    int httpPort;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TranscriptRecognizer recognizer;

    @Autowired
    IvrPaths paths;

    @Autowired
    CallRecords calls;

    @Autowired
    RecordedEvents events;

    @BeforeEach
    void mondayMorning() {
        clock.runFrom(ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, CHINA).toInstant());
    }

    @AfterEach
    void realTimeAndAnEmptyFloor() {
        clock.reset();
        TestAgent.logOutAll(httpPort);
    }

    SimulatedCall call(AgiStandIn caller) {
        return caller.script("ivr?menu=12333").start().awaitEnd();
    }

    AgiStandIn caller() {
        return AgiStandIn.call(agiPort);
    }

    @Test
    void fiveThenOneReachesThePensionQueryAndTheCallerHearsTheMonthsPaid() {
        SimulatedCall session = call(caller().keys("5").keys("1").keys(ID).keys(PIN)
                .hangUpDuring("STREAM FILE \"hotline/after-query\""));

        assertThat(session.played()).containsSubsequence("hotline/welcome", "hotline/queries-menu",
                "hotline/enter-id-number", "hotline/enter-pin");
        // 156 months: 一百五十六个月, then the last payment on 2026-10-15 of 1268.40 yuan
        assertThat(session.played()).containsSequence("hotline/pension-months-paid", "hotline/num-1", "hotline/num-100",
                "hotline/num-5", "hotline/num-10", "hotline/num-6", "hotline/months");
        assertThat(session.played()).containsSequence("hotline/last-payment-amount", "hotline/num-1",
                "hotline/num-1000", "hotline/num-2", "hotline/num-100", "hotline/num-6", "hotline/num-10",
                "hotline/num-8", "hotline/yuan", "hotline/num-4", "hotline/jiao");

        List<IvrStep> path = pathOf(session);
        assertThat(path).extracting(IvrStep::node).containsSubsequence("main", "queries", "enter-id-number",
                "enter-pin", "verify", "pension-contributions");
        assertThat(path).filteredOn(s -> s.node().equals("enter-id-number")).extracting(IvrStep::input)
                .containsExactly("110101********4258");
        assertThat(path).extracting(IvrStep::input).doesNotContain(ID, PIN);
        assertThat(path).extracting(IvrStep::result).contains("verified", "answered pension-contributions");
    }

    @Test
    void aWrongIdCheckDigitIsAskedAgainThenTheCallerGoesToAPerson() {
        String agent = TestAgent.ready(httpPort, "general").workNumber();
        String wrong = "110101199003074257";

        SimulatedCall session = call(caller().keys("5").keys("1").keys(wrong).keys(wrong).keys(wrong));

        assertThat(session.played().stream().filter("hotline/id-number-invalid"::equals)).hasSize(2);
        assertThat(session.played().stream().filter("hotline/enter-id-number"::equals)).hasSize(3);
        assertThat(session.played()).doesNotContain("hotline/enter-pin");
        var routed = calls.find(callIdOf(session)).orElseThrow().routing();
        assertThat(routed.skillGroup()).isEqualTo("general");
        assertThat(routed.callData()).containsEntry("path", "5-1").containsEntry("pathWords", "查询服务 › 养老缴费查询 › 人工");
        assertThat(session.commands()).anyMatch(c -> c.startsWith("EXEC \"Dial\" \"PJSIP/t"));
        assertThat(agent).isNotBlank();
    }

    /** The agent's screen shows the way in words; a choice the caller took back with * is not part of it. */
    @Test
    void theWayThroughTheMenusIsGivenToTheAgentInWords() {
        TestAgent.ready(httpPort, "medical");

        SimulatedCall session = call(caller().keys("1").keys("1").keys("*").keys("2").keys("2").keys("0"));

        var routed = calls.find(callIdOf(session)).orElseThrow().routing();
        assertThat(routed.skillGroup()).isEqualTo("medical");
        assertThat(routed.callData()).containsEntry("path", "1-1-*-2-2-0")
                .containsEntry("pathWords", "社会保险 › 医疗保险 › 异地就医 › 人工");
    }

    @Test
    void aCallerSilentAtEveryPromptEndsWithAPersonNotAHangUp() {
        TestAgent.ready(httpPort, "general");

        SimulatedCall session = call(caller());

        assertThat(session.played().stream().filter("hotline/no-input"::equals)).hasSize(2);
        assertThat(calls.find(callIdOf(session)).orElseThrow().routing().skillGroup()).isEqualTo("general");
        int dial = session.commands().stream().filter(c -> c.startsWith("EXEC \"Dial\" \"PJSIP/t")).findFirst()
                .map(session.commands()::indexOf).orElse(-1);
        assertThat(dial).isPositive();
        assertThat(session.commands().subList(0, dial)).doesNotContain("HANGUP");
        assertThat(pathOf(session)).extracting(IvrStep::result).contains("gave up after 3: to general");
    }

    @Test
    void sayingYibaoChoosesMedicalInsurance(@TempDir Path dir) {
        Path yibao = Wav.speak("医保", dir.resolve("yibao.wav"));
        recognizer.knows(yibao, "医保", 0.92);

        SimulatedCall session = call(caller().keys("1").says(yibao)
                .hangUpDuring("STREAM FILE \"hotline/medical-menu\""));

        assertThat(session.commands()).anyMatch(c -> c.startsWith("RECORD FILE"));
        assertThat(session.played()).contains("hotline/social-insurance-menu", "hotline/medical-menu")
                .doesNotContain("hotline/speech-unsure");
        assertThat(pathOf(session)).filteredOn(s -> s.node().equals("social-insurance"))
                .extracting(IvrStep::input, IvrStep::result).contains(org.assertj.core.groups.Tuple.tuple("said 医保", "go medical"));
    }

    @Test
    void anUnsureRecognitionFallsBackToKeys(@TempDir Path dir) {
        Path mumble = Wav.speak("一包", dir.resolve("mumble.wav"));
        recognizer.knows(mumble, "医保", 0.31);

        SimulatedCall session = call(caller().keys("1").says(mumble).keys("2")
                .hangUpDuring("STREAM FILE \"hotline/medical-menu\""));

        assertThat(session.played()).containsSubsequence("hotline/social-insurance-menu", "hotline/speech-unsure",
                "hotline/medical-menu");
        assertThat(pathOf(session)).extracting(IvrStep::result).contains("unsure (31%)", "go medical");
    }

    @Test
    void afterHoursACallbackRequestIsStored() {
        clock.runFrom(ZonedDateTime.of(2026, 11, 23, 22, 0, 0, 0, CHINA).toInstant());

        SimulatedCall session = call(caller().from("13812345678").keys("1").keys("1"));

        // the 1 pressed during the after-hours message is taken for its menu (barge-in)
        assertThat(session.played()).containsSubsequence("hotline/after-hours", "hotline/callback-confirm",
                "hotline/num-yao", "hotline/num-3", "hotline/num-8", "hotline/callback-confirm-keys",
                "hotline/callback-stored", "hotline/goodbye").doesNotContain("hotline/after-hours-menu");
        String callId = callIdOf(session);
        // the routing tick marks a due request DIALLING while it looks for a ready agent, and PENDING again when
        // there is none: read it between two looks
        await().until(() -> !"DIALLING".equals(jdbc.queryForObject(
                "select status from callback_request where call_id = ?", String.class, callId)));
        assertThat(jdbc.queryForList("select caller_number, skill_group, status from callback_request where call_id = ?",
                callId)).singleElement().satisfies(callback -> {
                    assertThat(callback).containsEntry("caller_number", "13812345678")
                            .containsEntry("skill_group", "general").containsEntry("status", "PENDING");
                });
        assertThat(session.commands()).last().isEqualTo("HANGUP");
        // left pending, it would take the next test's ready agent of the general group
        jdbc.update("delete from callback_request where call_id = ?", callId);
    }

    @Test
    void theSurveyAnswerIsStoredOnTheCallOfTheAgent() {
        String agent = TestAgent.ready(httpPort, "general").workNumber();

        SimulatedCall session = call(caller().keys("0").keys("1"));

        assertThat(session.played()).containsSubsequence("hotline/transferring", "hotline/survey", "hotline/survey-thanks");
        var call = calls.find(callIdOf(session)).orElseThrow();
        assertThat(call.satisfaction()).isEqualTo(Satisfaction.SATISFIED);
        assertThat(call.routing().agent()).isEqualTo(agent);
        assertThat(pathOf(session)).extracting(IvrStep::result).contains("TALKED agent " + agent, "SATISFIED");
    }

    @Test
    void theCallIsRecordedFromAnswerAndTheRecordingIsFiledUnderTheAgentWhoCanPlayIt() {
        TestAgent agent = TestAgent.ready(httpPort, "general");

        SimulatedCall session = call(caller().keys("0").keys("2"));

        assertThat(session.commands().get(1)).startsWith("EXEC \"MixMonitor\"");
        String callId = callIdOf(session);
        RecordingClosed closed = events.await(RecordingClosed.class, e -> e.callId().equals(callId));
        assertThat(calls.find(callId).orElseThrow().routing().agent()).isEqualTo(agent.workNumber());
        tools.jackson.databind.JsonNode mine = agent.http(httpPort).get("/api/recordings").json();
        assertThat(mine.findValuesAsString("id")).contains(closed.recordingId());
        assertThat(mine.findValuesAsString("agent")).containsOnly(agent.workNumber());
    }

    @Test
    void greenChannelCallersSkipTheMenuWithPriority() {
        TestAgent.ready(httpPort, "general");

        SimulatedCall session = call(caller().from("13900000001").keys("2"));

        assertThat(session.played()).doesNotContain("hotline/main-menu", "hotline/welcome");
        var routed = calls.find(callIdOf(session)).orElseThrow().routing();
        assertThat(routed.priority()).isEqualTo(2);
        assertThat(routed.callData()).containsEntry("greenChannel", "large employer");
    }

    private String callIdOf(SimulatedCall session) {
        CallStarted started = events.await(CallStarted.class, e -> e.uniqueId().equals(session.uniqueId()));
        events.await(CallEnded.class, e -> e.callId().equals(started.callId()));
        return started.callId();
    }

    private List<IvrStep> pathOf(SimulatedCall session) {
        return paths.of(callIdOf(session));
    }
}
