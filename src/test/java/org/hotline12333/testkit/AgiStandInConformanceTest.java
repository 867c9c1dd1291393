package org.hotline12333.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
                Arguments.of("T1-agi.log", "1-1-0 → 1001 answers, 8 s, agent hangs up → survey, 1"),
                Arguments.of("T2-agi.log", "hangs up during the main menu"),
                Arguments.of("T3-agi.log", "hangs up while 1001 rings"),
                Arguments.of("T4-agi.log", "1001 rings out, 1002 answers, caller hangs up"),
                Arguments.of("T5-agi.log", "1002 answers, 30 s, survey"),
                Arguments.of("T6-agi.log", "music, a key Asterisk drops, hangs up on hold"),
                Arguments.of("X1-agi.log", "blind transfer 1001 → 1002, survey by key wait"),
                Arguments.of("X2-agi.log", "attended transfer that never happened, survey asked twice"),
                Arguments.of("X3-agi.log", "three-way call, caller hangs up"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recordedCalls")
    void theStandInAnswersEveryCommandAsAsteriskDid(String file, String what) {
        TraceReplay replay = TraceReplay.of(file);
        if (file.startsWith("T6")) {
            replay.afterReplyAt(79775, call -> call.pressKeyNow('1')); // 65 s after the 0, during the music
        }
        AgiStandIn.SimulatedCall call = replay.against(RecordedCallers.of(replay, file));

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
