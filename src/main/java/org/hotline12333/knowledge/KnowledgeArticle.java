package org.hotline12333.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An article as agents read it: its version in force today, approved by a supervisor other than its author.
 *
 * @param basis           the policy basis (政策依据)
 * @param classifications the minor classes it answers, with their names
 * @param documents       what the citizen must bring, all at once (一次性告知清单)
 * @param validUntil      the last day it applies; null: until replaced
 */
public record KnowledgeArticle(String code, int version, String title, String answer, String basis,
                               List<ClassRef> classifications, List<String> ivrNodes, List<String> documents,
                               LocalDate effectiveFrom, LocalDate validUntil, String author, String approvedBy,
                               Instant approvedAt) {

    public record ClassRef(String code, String name) {
    }
}
