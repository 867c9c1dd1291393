package org.hotline12333.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hotline12333.testkit.AgiStandIn.DialOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AGI stand-in answers as Asterisk 22.10.1 did in the recorded calls ({@code ../shared/asterisk-traces}): every
 * command the service sent in a trace is replayed against a stand-in call whose caller does what the real caller did,
 * and the stand-in's headers and every line it sends back (replies, the bare HANGUP, 511) must be the trace's, in
 * the same order. Only audio positions (endpos) are left out; ANSWEREDTIME is held to the rule the trace shows.
 */
class AgiStandInConformanceTest {

    static Stream<Arguments> recordedCalls() {
        return Stream.of(
                call("T1-agi.log", "1-1-0 → 1001 answers, 8 s, agent hangs up → survey, 1", s -> menu(s, 6720)
                        .dialing(e -> new DialOutcome("ANSWER", 1, 8, false, true)).keyAt('1', 47360)),
                call("T2-agi.log", "hangs up during the main menu", s -> s.listensTo("welcome")
                        .hangUpDuring("STREAM FILE \"hotline/main-menu\"")),
                call("T3-agi.log", "hangs up while 1001 rings", s -> menu(s, 7200)
                        .dialing(e -> DialOutcome.callerHangsUpWhileRinging(1).withoutRinging())),
                call("T4-agi.log", "1001 rings out, 1002 answers, caller hangs up", s -> menu(s, 7200)
                        .dialing(e -> e.equals("PJSIP/1001") ? DialOutcome.notAnswered("NOANSWER").withoutRinging()
                                : DialOutcome.callerHangsUpAfterTalking(6))),
                call("T5-agi.log", "1002 answers, 30 s, survey", s -> menu(s, 7200)
                        .dialing(e -> new DialOutcome("ANSWER", 1, 30, false, true)).keyAt('1', 71840)),
                call("T6-agi.log", "music, a key Asterisk drops, hangs up on hold", s -> menu(s, 7200)),
                call("X1-agi.log", "blind transfer 1001 → 1002, survey by key wait", s -> menu(s, 6720)
                        .dialing(e -> DialOutcome.answered(e.equals("PJSIP/1001") ? 6 : 8))
                        .listensTo("survey").keys("1")),
                call("X2-agi.log", "attended transfer that never happened, survey asked twice", s -> menu(s, 7360)
                        .dialing(e -> DialOutcome.answered(13)).listensTo("survey").silence().keyAt('1', 96480)),
                call("X3-agi.log", "three-way call, caller hangs up", s -> menu(s, 7200)
                        .dialing(e -> DialOutcome.callerHangsUpAfterTalking(24))));
    }

    /** Listens to the welcome, then 1 (social insurance), 1 (pension), 0 (a person), as the traces' callers did. */
    private static AgiStandIn menu(AgiStandIn standIn, long mainMenuKeyAt) {
        return standIn.listensTo("welcome").keyAt('1', mainMenuKeyAt).keyAt('1', 22560).keyAt('0', 22560);
    }

    private static Arguments call(String trace, String what, UnaryOperator<AgiStandIn> caller) {
        return Arguments.of(trace, what, caller);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recordedCalls")
    void theStandInAnswersEveryCommandAsAsteriskDid(String file, String what, UnaryOperator<AgiStandIn> caller) {
        TraceReplay replay = TraceReplay.of(file);
        if (file.startsWith("T6")) {
            replay.afterReplyAt(79775, call -> call.pressKeyNow('1')); // 65 s after the 0, during the music
        }
        AgiStandIn standIn = caller.apply(withSoundsOf(replay, AgiStandIn.call(0).script("ivr?menu=12333")
                .from(replay.headers().get("agi_callerid"))));

        AgiStandIn.SimulatedCall call = replay.against(standIn);

        assertThat(headerNames(call)).containsExactlyElementsOf(replay.headers().keySet());
        List<String> expected = replay.asteriskLines().stream().map(TraceReplay::withoutAudioPosition)
                .map(AgiStandInConformanceTest::withoutAnsweredTime).toList();
        List<String> actual = TraceReplay.afterHeaders(call.transcript()).stream()
                .map(TraceReplay::withoutAudioPosition).map(AgiStandInConformanceTest::withoutAnsweredTime).toList();
        assertThat(actual).as("what Asterisk sent after the headers, in order").containsExactlyElementsOf(expected);
        assertThat(answeredTimes(TraceReplay.afterHeaders(call.transcript())))
                .as("ANSWEREDTIME, counted from the caller's own answer")
                .zipSatisfy(answeredTimes(replay.asteriskLines()),
                        (standInSeconds, asteriskSeconds) -> assertThat(standInSeconds).isBetween(asteriskSeconds - 2,
                                asteriskSeconds + 2));
        if (file.startsWith("T6")) {
            assertThat(call.lostKeys()).containsExactly('1');
        }
    }

    /**
     * What the traces show about ANSWEREDTIME: it is the time since the caller's channel was answered (ANSWER), not
     * since the agent answered: 32 s after a conversation of 8 s in T1.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"T1-agi.log", "T4-agi.log", "T5-agi.log", "X1-agi.log",
            "X2-agi.log", "X3-agi.log"})
    void answeredTimeCountsFromTheCallersOwnAnswer(String file) {
        List<AsteriskTraces.AgiLine> trace = TraceReplay.of(file).trace();
        int checked = 0;
        double answered = trace.stream().filter(l -> !l.fromAsterisk() && l.text().equals("ANSWER")).findFirst()
                .orElseThrow().ms();
        for (int i = 0; i < trace.size(); i++) {
            if (!trace.get(i).fromAsterisk() && trace.get(i).text().equals("GET VARIABLE \"ANSWEREDTIME\"")) {
                List<Integer> seconds = answeredTimes(List.of("A> " + trace.get(i + 1).text()));
                if (!seconds.isEmpty()) {
                    assertThat((double) seconds.get(0)).isCloseTo((trace.get(i).ms() - answered) / 1000,
                            org.assertj.core.data.Offset.offset(1.0));
                    checked++;
                }
            }
        }
        assertThat(checked).as("answered dials in " + file).isPositive();
    }

    /** Prompts played to their end in the trace last as long in the stand-in (their endpos). */
    private static AgiStandIn withSoundsOf(TraceReplay replay, AgiStandIn standIn) {
        Pattern played = Pattern.compile("200 result=0 endpos=(\\d+)");
        List<AsteriskTraces.AgiLine> trace = replay.trace();
        for (int i = 0; i + 1 < trace.size(); i++) {
            Matcher matcher = played.matcher(trace.get(i + 1).text());
            if (!trace.get(i).fromAsterisk() && trace.get(i).text().startsWith("STREAM FILE") && matcher.matches()) {
                standIn.soundLength(AgiStandIn.words(trace.get(i).text()).get(2), Long.parseLong(matcher.group(1)));
            }
        }
        return standIn;
    }

    private static List<String> headerNames(AgiStandIn.SimulatedCall call) {
        return call.transcript().stream().takeWhile(l -> !l.equals("A> ")).map(l -> l.substring(3, l.indexOf(':')))
                .toList();
    }

    private static final Pattern NUMBER_IN_PARENTHESES = Pattern.compile("^A> 200 result=1 \\((\\d+)\\)$");

    /** The numbers Asterisk answered in parentheses: only ANSWEREDTIME's are numbers in these calls. */
    private static List<Integer> answeredTimes(List<String> lines) {
        return lines.stream().map(NUMBER_IN_PARENTHESES::matcher).filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }

    private static String withoutAnsweredTime(String line) {
        return NUMBER_IN_PARENTHESES.matcher(line).matches() ? "A> 200 result=1 (<seconds>)" : line;
    }
}
