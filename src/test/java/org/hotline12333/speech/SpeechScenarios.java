package org.hotline12333.speech;

import java.nio.file.Path;
import java.util.List;
import org.hotline12333.testkit.SpokenAudio;

/**
 * Calls the speech tests render, the same with the stand-in and with the real model: what the caller and the agent
 * say, and when.
 */
final class SpeechScenarios {

    /** Things a 12333 line hears, for the character error rate. */
    static final List<String> SENTENCES = List.of(
            "您好请问有什么可以帮您",
            "我想查询一下我的养老保险缴费记录",
            "请您提供一下身份证号码",
            "医保报销需要带上发票和病历",
            "失业保险金每个月按时发放",
            "社保卡丢了可以到窗口补办",
            "工伤认定需要单位提出申请",
            "您可以登录网上服务大厅办理",
            "请问还有其他问题吗",
            "感谢您的来电再见");

    static final String FORBIDDEN_SAID = "这个我不知道";
    static final String CALLER_SAID = "我不知道社保卡怎么补办";
    static final String RATE_SENTENCE = "您好请您带上身份证和社保卡到窗口办理";

    private SpeechScenarios() {
    }

    /** The agent greets, says "不知道" and closes; the caller says "不知道" too, earlier. */
    static CallAudio forbiddenPhrase(Path dir, String id) {
        return CallAudio.render(dir, id,
                SpokenAudio.leg().silence(7).say(CALLER_SAID),
                SpokenAudio.leg().silence(0.5).say("您好请问有什么可以帮您").silence(7).say(FORBIDDEN_SAID)
                        .silence(1.5).say("感谢您的来电再见"));
    }

    /** The agent neither greets nor closes. */
    static CallAudio noGreetingNoClosing(Path dir, String id) {
        return CallAudio.render(dir, id,
                SpokenAudio.leg().silence(3).say("我想问一下医保报销"),
                SpokenAudio.leg().silence(0.5).say("喂说吧").silence(5).say("去窗口办就行了"));
    }

    /** In the model's language: the agent says the forbidden phrase; the caller says it too, earlier. */
    static CallAudio forbiddenPhrase(Path dir, String id, TestLanguage language) {
        return CallAudio.render(dir, id, leg(language).silence(0.8).say(language.callerSaid()).silence(0.6),
                leg(language).silence(2.6).say(language.forbiddenSaid()).silence(0.6));
    }

    /** In the model's language: the agent greets (and closes, when the model hears the language's closing). */
    static CallAudio greetingAndClosing(Path dir, String id, TestLanguage language) {
        SpokenAudio.Leg agent = leg(language).silence(0.8).say(language.greetingSaid()).silence(1.5);
        if (!language.closingSaid().isEmpty()) {
            agent.say(language.closingSaid()).silence(0.6);
        }
        return CallAudio.render(dir, id, leg(language).silence(0.5), agent);
    }

    /** In the model's language: the agent neither greets nor closes. */
    static CallAudio noGreetingNoClosing(Path dir, String id, TestLanguage language) {
        return CallAudio.render(dir, id, leg(language).silence(0.5),
                leg(language).silence(0.5).say(language.rude().get(0)).silence(2).say(language.rude().get(1)));
    }

    /** In the model's language: the agent says its rate sentence at espeak-ng's normal speed. */
    static CallAudio agentSpeaking(Path dir, String id, TestLanguage language) {
        return CallAudio.render(dir, id, leg(language).silence(0.5), leg(language).say(language.rateSentence()));
    }

    static SpokenAudio.Leg leg(TestLanguage language) {
        return SpokenAudio.leg(language.voice(), SpokenAudio.TELEPHONE_RATE);
    }

    /** The agent says {@link #RATE_SENTENCE} at the given espeak-ng speed. */
    static CallAudio agentSpeaking(Path dir, String id, int speed) {
        return CallAudio.render(dir, id, SpokenAudio.leg().silence(1), SpokenAudio.leg().say(RATE_SENTENCE, speed));
    }
}
