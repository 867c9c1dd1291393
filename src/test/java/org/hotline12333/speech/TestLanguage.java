package org.hotline12333.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the model tests say and configure, in the language of the model they run on: Mandarin for a Chinese model
 * (the service's defaults), Korean for the Korean model the test command downloads. Nothing in the service depends
 * on the language: the phrase lists are configuration, given here as a centre would give them.
 *
 * <p>Korean: espeak-ng's Korean voice is far from human speech and the small Korean model hears little of it right
 * (docs/speech.md: the measured character error rate), and what it hears changes with the silence before a word.
 * The Korean lists are real Korean service phrases; the words the tests have the agent say are ones this model heard
 * in espeak-ng's voice after every one of a dozen different silences: 네 ("yes", how Korean agents open a call) and
 * 뭐요 ("what?!", a rude answer no agent may give). No closing espeak-ng says in Korean is heard by this model, so
 * {@link #closingSaid} is empty for Korean and the positive closing is checked on Mandarin only.
 *
 * @param voice            the espeak-ng voice
 * @param sentences        things a hotline hears, for the character error rate
 * @param forbiddenPhrases the configured forbidden list
 * @param forbiddenSaid    what the agent says that holds {@code forbidden}
 * @param callerSaid       what the caller says that holds {@code forbidden} too (never a finding: not the agent)
 * @param closingSaid      a closing the model hears when the agent says it; empty when it hears none
 * @param rude             what an agent who neither greets nor closes says
 * @param keywords         an IVR menu's spoken choices; the caller says the second
 */
record TestLanguage(String name, String voice, List<String> sentences, List<String> forbiddenPhrases, String forbidden,
                    String forbiddenSaid, String callerSaid, List<String> greetingPhrases, String greetingSaid,
                    List<String> closingPhrases, String closingSaid, List<String> rude, String rateSentence,
                    List<String> keywords) {

    static final TestLanguage MANDARIN = new TestLanguage("Mandarin", "cmn", SpeechScenarios.SENTENCES,
            List.of("不知道", "你去问别的部门", "不归我们管", "自己去查", "我也没办法"), "不知道",
            SpeechScenarios.FORBIDDEN_SAID, SpeechScenarios.CALLER_SAID, List.of("您好"), "您好请问有什么可以帮您",
            List.of("感谢您的来电", "再见"), "感谢您的来电再见", List.of("喂说吧", "去窗口办就行了"),
            SpeechScenarios.RATE_SENTENCE, List.of("养老", "医保", "失业"));

    static final TestLanguage KOREAN = new TestLanguage("Korean", "ko", List.of(
            "안녕하세요 무엇을 도와드릴까요",
            "국민연금 납부 내역을 알고 싶어요",
            "주민등록번호를 말씀해 주세요",
            "병원 영수증이 필요합니다",
            "실업급여는 매달 나옵니다",
            "보험증은 창구에서 다시 받으세요",
            "회사가 산재를 신청해야 합니다",
            "인터넷으로 처리할 수 있습니다",
            "다른 문의 사항 있으세요",
            "전화 주셔서 감사합니다"),
            List.of("뭐요", "몰라요", "알아서 하세요"), "뭐요", "뭐요", "뭐요",
            List.of("안녕하세요", "네"), "네",
            List.of("감사합니다", "안녕히 계세요"), "", List.of("엄마", "라디오"),
            "국민연금 납부 내역을 알고 싶어요", List.of("보험", "병원", "회사"));

    /** The language of a model, by its folder's name: Korean for "ko", else Mandarin. */
    static TestLanguage of(Path model) {
        String name = model.getFileName().toString().toLowerCase();
        return name.matches("(.*[-_])?ko([-_].*)?") ? KOREAN : MANDARIN;
    }

    /** The finding lists as a centre configures them, as service arguments. */
    List<String> findingArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add("--hotline.speech.findings.forbidden-phrases=" + String.join(",", forbiddenPhrases));
        arguments.add("--hotline.speech.findings.greeting-phrases=" + String.join(",", greetingPhrases));
        arguments.add("--hotline.speech.findings.closing-phrases=" + String.join(",", closingPhrases));
        return arguments;
    }
}
