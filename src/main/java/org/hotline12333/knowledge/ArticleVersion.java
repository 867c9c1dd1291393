package org.hotline12333.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One stored version of an article, as supervisors see it with its review.
 *
 * @param status      DRAFT (waiting for a second supervisor), APPROVED, REJECTED, or REPLACED (a newer version was
 *                    written before this one was reviewed)
 * @param reviewedBy  who approved or rejected it: never its author (four eyes)
 */
record ArticleVersion(String code, int version, String title, String answer, String basis,
                      List<String> classifications, List<String> ivrNodes, List<String> documents,
                      LocalDate effectiveFrom, LocalDate validUntil, String note, Status status, String author,
                      Instant writtenAt, String reviewedBy, Instant reviewedAt, String reviewNote) {

    enum Status { DRAFT, APPROVED, REJECTED, REPLACED }

    boolean inForceOn(LocalDate day) {
        return status == Status.APPROVED && !effectiveFrom.isAfter(day)
                && (validUntil == null || !validUntil.isBefore(day));
    }
}
