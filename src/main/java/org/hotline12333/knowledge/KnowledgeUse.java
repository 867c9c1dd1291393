package org.hotline12333.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * How the knowledge base was used on one call, for whoever scores it: which articles the agent opened, and whether
 * one of them is an agreed answer for the class the call was wrapped up with.
 *
 * @param classification      the call's class (null: not wrapped up with one)
 * @param agreedAnswers       the articles in force today that answer that class
 * @param agreedAnswerOpened  whether an article opened on the call answers that class (null without a class)
 */
public record KnowledgeUse(List<Opened> opened, String classification, List<AgreedAnswer> agreedAnswers,
                           Boolean agreedAnswerOpened) {

    /** One article opened on the call: the version read, by whom, when. */
    public record Opened(String code, int version, String title, List<String> classifications, String username,
                         String workNumber, Instant at) {
    }

    public record AgreedAnswer(String code, int version, String title) {
    }
}
