package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.speech.Transcript.Word;
import org.junit.jupiter.api.Test;

/** Findings from transcripts, with the default rules (forbidden phrases, 您好, 感谢您的来电 / 再见, 150–250 chars/min). */
class SpeechAnalysisTest {

    private final SpeechAnalysis analysis = new SpeechAnalysis(SpeechDefaults.properties().findings());

    @Test
    void aForbiddenPhraseIsFoundWhereItsCharactersWereSaidHoweverTheRecognizerCutTheWords() {
        Utterance cutApart = new Utterance(Speaker.AGENT, 10, 12, "我不知道这个", List.of(
                new Word("我", 10.0, 10.3, 0.9), new Word("不知", 10.3, 10.9, 0.8), new Word("道", 10.9, 11.2, 0.9),
                new Word("这个", 11.2, 12.0, 0.9)));
        Utterance inOneWord = new Utterance(Speaker.AGENT, 20, 21, "我不知道", List.of(new Word("我不知道", 20.0, 21.0, 0.7)));

        List<Finding> found = analysis.analyse(transcript(cutApart, inOneWord)).findings().stream()
                .filter(f -> f.kind() == FindingKind.FORBIDDEN_PHRASE).toList();

        assertThat(found).hasSize(2);
        assertThat(found.get(0)).extracting(Finding::phrase, Finding::speaker, Finding::start, Finding::end)
                .containsExactly("不知道", Speaker.AGENT, 10.3, 11.2);
        assertThat(found.get(1).start()).isEqualTo(20.25);
        assertThat(found.get(1).end()).isEqualTo(21.0);
        assertThat(found.get(0).detail()).contains("我不知道这个");
    }

    @Test
    void onlyTheAgentsForbiddenPhrasesCount() {
        Transcript call = transcript(spoken(Speaker.CALLER, 1, 3, "我不知道怎么办"), spoken(Speaker.AGENT, 4, 8, "您好这个问题自己去查"));

        List<Finding> found = analysis.analyse(call).findings().stream()
                .filter(f -> f.kind() == FindingKind.FORBIDDEN_PHRASE).toList();

        assertThat(found).extracting(Finding::phrase).containsExactly("自己去查");
        assertThat(found.get(0).start()).isCloseTo(6.4, within(0.001));
    }

    @Test
    void onlyTheConversationWithTheAgentCountsNotTheIvrPromptsOrTheSurveyOnTheSameLeg() {
        Transcript call = transcript(spoken(Speaker.AGENT, 0, 4, "您好欢迎致电一二三三三"),
                spoken(Speaker.CALLER, 30, 32, "我想问养老保险"), spoken(Speaker.AGENT, 31, 40, longAnswer(30)),
                spoken(Speaker.AGENT, 41, 44, "感谢您的来电再见"), spoken(Speaker.AGENT, 46, 50, "请对我们的服务进行评价不知道"));

        List<Finding> found = analysis.analyse(call, new SpeechAnalysis.Conversation(30, 45)).findings();

        assertThat(kinds(found)).contains(FindingKind.GREETING_MISSING, FindingKind.CLOSING)
                .doesNotContain(FindingKind.GREETING, FindingKind.FORBIDDEN_PHRASE);
        assertThat(analysis.analyse(call, null).findings()).as("no agent took the call").isEmpty();
    }

    @Test
    void aGreetingCountsAtTheStartAndAClosingAtTheEnd() {
        Transcript polite = transcript(spoken(Speaker.AGENT, 2, 5, "您好请问有什么可以帮您"),
                spoken(Speaker.CALLER, 6, 9, "我想问一下养老保险"), spoken(Speaker.AGENT, 10, 40, longAnswer(100)),
                spoken(Speaker.AGENT, 41, 43, "感谢您的来电再见"));

        List<Finding> found = analysis.analyse(polite).findings();

        assertThat(kinds(found)).contains(FindingKind.GREETING, FindingKind.CLOSING)
                .doesNotContain(FindingKind.GREETING_MISSING, FindingKind.CLOSING_MISSING);
        assertThat(only(found, FindingKind.GREETING).start()).isCloseTo(2.0, within(0.001));
        assertThat(only(found, FindingKind.CLOSING).phrase()).isEqualTo("感谢您的来电");
    }

    @Test
    void aGreetingTooLateOrAMissingClosingIsAFinding() {
        Transcript rude = transcript(spoken(Speaker.AGENT, 2, 5, "喂说吧什么事"), spoken(Speaker.AGENT, 6, 30, longAnswer(80)),
                spoken(Speaker.AGENT, 31, 33, "您好还有别的吗"), spoken(Speaker.AGENT, 60, 62, "就这样挂了"));

        List<Finding> found = analysis.analyse(rude).findings();

        assertThat(kinds(found)).contains(FindingKind.GREETING_MISSING, FindingKind.CLOSING_MISSING)
                .doesNotContain(FindingKind.GREETING, FindingKind.CLOSING);
        assertThat(only(found, FindingKind.GREETING_MISSING).start()).isEqualTo(2.0);
        assertThat(only(found, FindingKind.CLOSING_MISSING).end()).isEqualTo(62.0);
    }

    @Test
    void theAgentsSpeechRateIsCharactersPerMinuteOfTheirSpeech() {
        SpeechAnalysis.Result fast = analysis.analyse(transcript(spoken(Speaker.AGENT, 0, 6, longAnswer(30)),
                spoken(Speaker.CALLER, 7, 13, longAnswer(60))));
        SpeechAnalysis.Result slow = analysis.analyse(transcript(spoken(Speaker.AGENT, 0, 6, longAnswer(10))));
        SpeechAnalysis.Result comfortable = analysis.analyse(transcript(spoken(Speaker.AGENT, 0, 3, longAnswer(10)),
                spoken(Speaker.AGENT, 10, 13, longAnswer(10))));

        assertThat(fast.measures().agentCharsPerMinute()).isEqualTo(300.0);
        assertThat(kinds(fast.findings())).contains(FindingKind.SPEECH_TOO_FAST);
        assertThat(slow.measures().agentCharsPerMinute()).isEqualTo(100.0);
        assertThat(kinds(slow.findings())).contains(FindingKind.SPEECH_TOO_SLOW);
        assertThat(comfortable.measures().agentCharsPerMinute()).isEqualTo(200.0);
        assertThat(kinds(comfortable.findings())).doesNotContain(FindingKind.SPEECH_TOO_FAST, FindingKind.SPEECH_TOO_SLOW);
    }

    @Test
    void aLongSilenceInTheMiddleOfTheCallIsFoundButPausesAreNot() {
        Transcript call = transcript(spoken(Speaker.AGENT, 0, 2, "您好"), spoken(Speaker.CALLER, 3, 5, "我想问一下"),
                spoken(Speaker.AGENT, 17, 19, "让您久等了"), spoken(Speaker.CALLER, 25, 27, "好的谢谢"));

        SpeechAnalysis.Result result = analysis.analyse(call);

        List<Finding> silences = result.findings().stream().filter(f -> f.kind() == FindingKind.LONG_SILENCE).toList();
        assertThat(silences).hasSize(1);
        assertThat(silences.get(0)).extracting(Finding::start, Finding::end, Finding::speaker).containsExactly(5.0, 17.0, null);
        assertThat(result.measures().longestSilenceSeconds()).isEqualTo(12.0);
    }

    @Test
    void talkOverNamesWhoStartedSecondAndShortOverlapsOnlyCountInTheFigures() {
        Transcript call = transcript(spoken(Speaker.AGENT, 0, 5, longAnswer(20)), spoken(Speaker.CALLER, 3.5, 6, longAnswer(10)),
                spoken(Speaker.CALLER, 8, 10, longAnswer(8)), spoken(Speaker.AGENT, 9.6, 12, longAnswer(10)));

        SpeechAnalysis.Result result = analysis.analyse(call);

        List<Finding> talkOver = result.findings().stream().filter(f -> f.kind() == FindingKind.TALK_OVER).toList();
        assertThat(talkOver).hasSize(1);
        assertThat(talkOver.get(0)).extracting(Finding::speaker, Finding::start, Finding::end)
                .containsExactly(Speaker.CALLER, 3.5, 5.0);
        assertThat(result.measures().talkOverSeconds()).isCloseTo(1.9, within(0.001));
        assertThat(result.measures().agentSeconds()).isEqualTo(7.4);
        assertThat(result.measures().callerSeconds()).isEqualTo(4.5);
        assertThat(result.measures().agentShare()).isCloseTo(7.4 / 11.9, within(0.001));
    }

    @Test
    void anAgentWhoSaidNothingMissesGreetingAndClosingAndHasNoRate() {
        SpeechAnalysis.Result result = analysis.analyse(transcript(spoken(Speaker.CALLER, 1, 4, "喂有人吗")));

        assertThat(kinds(result.findings())).containsExactlyInAnyOrder(FindingKind.GREETING_MISSING, FindingKind.CLOSING_MISSING);
        assertThat(result.measures().agentCharsPerMinute()).isZero();
        assertThat(result.measures().agentShare()).isZero();
    }

    /** An utterance whose characters were said one after the other, evenly, from start to end. */
    static Utterance spoken(Speaker speaker, double start, double end, String text) {
        int[] characters = text.codePoints().toArray();
        double each = (end - start) / characters.length;
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < characters.length; i++) {
            words.add(new Word(new String(Character.toChars(characters[i])), start + i * each, start + (i + 1) * each, 0.9));
        }
        return new Utterance(speaker, start, end, text, words);
    }

    static Transcript transcript(Utterance... utterances) {
        return new Transcript("r-1", "c-1", "test", 8000, Instant.now(), Arrays.asList(utterances));
    }

    private static String longAnswer(int characters) {
        return "请您携带身份证到社保窗口办理".repeat(characters / 14 + 1).substring(0, characters);
    }

    private static List<FindingKind> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).toList();
    }

    private static Finding only(List<Finding> findings, FindingKind kind) {
        List<Finding> of = findings.stream().filter(f -> f.kind() == kind).toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }
}
