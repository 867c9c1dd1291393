package org.hotline12333.testkit;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline12333.testkit.AgiStandIn.DialOutcome;

/**
 * The callers and phones of the recorded calls in {@code ../shared/asterisk-traces}, played by the AGI stand-in:
 * what each caller pressed and when (the trace's endpos), how each Dial went, and how long each prompt lasted.
 */
public final class RecordedCallers {

    private static final Map<String, UnaryOperator<AgiStandIn>> CALLERS = Map.of(
            "T1-agi.log", s -> menu(s, 6720).dialing(e -> DialOutcome.answered(8).ringingBeforeDialBegin())
                    .keyAt('1', 47360),
            "T2-agi.log", s -> s.listensTo("welcome").hangUpDuring("STREAM FILE \"hotline/main-menu\""),
            "T3-agi.log", s -> menu(s, 7200).dialing(e -> DialOutcome.callerHangsUpWhileRinging(1).withoutRinging()),
            "T4-agi.log", s -> menu(s, 7200).dialing(e -> e.equals("PJSIP/1001")
                    ? DialOutcome.notAnswered("NOANSWER").withoutRinging() : DialOutcome.callerHangsUpAfterTalking(6)),
            "T5-agi.log", s -> menu(s, 7200).dialing(e -> DialOutcome.answered(30))
                    .keyAt('1', 71840),
            "T6-agi.log", s -> menu(s, 7200),
            "X1-agi.log", s -> menu(s, 6720).dialing(e -> DialOutcome.answered(e.equals("PJSIP/1001") ? 6 : 8))
                    .listensTo("survey").keys("1"),
            "X2-agi.log", s -> menu(s, 7360).dialing(e -> DialOutcome.answered(13)).listensTo("survey").silence()
                    .keyAt('1', 96480),
            "X3-agi.log", s -> menu(s, 7200).dialing(e -> DialOutcome.callerHangsUpAfterTalking(24)));

    private RecordedCallers() {
    }

    /** A stand-in call whose caller, phones and prompts are those of this trace, from the trace's caller number. */
    public static AgiStandIn of(TraceReplay replay, String file) {
        Map<String, String> headers = replay.headers();
        AgiStandIn standIn = AgiStandIn.call(0).script(headers.get("agi_network_script"))
                .from(headers.get("agi_callerid")).header("agi_calleridname", headers.get("agi_calleridname"));
        withSoundsOf(replay, standIn);
        return CALLERS.get(file).apply(standIn);
    }

    /** Listens to the welcome, then 1 (social insurance), 1 (pension), 0 (a person), as the traces' callers did. */
    private static AgiStandIn menu(AgiStandIn standIn, long mainMenuKeyAt) {
        return standIn.listensTo("welcome").keyAt('1', mainMenuKeyAt).keyAt('1', 22560).keyAt('0', 22560);
    }

    /** Prompts played to their end in the trace last as long in the stand-in (their endpos). */
    private static void withSoundsOf(TraceReplay replay, AgiStandIn standIn) {
        Pattern played = Pattern.compile("200 result=0 endpos=(\\d+)");
        List<AsteriskTraces.AgiLine> trace = replay.trace();
        for (int i = 0; i + 1 < trace.size(); i++) {
            Matcher matcher = played.matcher(trace.get(i + 1).text());
            if (!trace.get(i).fromAsterisk() && trace.get(i).text().startsWith("STREAM FILE") && matcher.matches()) {
                standIn.soundLength(AgiStandIn.words(trace.get(i).text()).get(2), Long.parseLong(matcher.group(1)));
            }
        }
    }
}
