package org.hotline12333.knowledge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * What a supervisor writes: a new version of an article (or its first).
 *
 * @param basedOn         the version this one was written from (the newest when the writer loaded it); none for a new
 *                        article. Stored only if it is still the newest, otherwise 409.
 * @param classifications minor classes of the classification tree the article answers
 * @param ivrNodes        IVR nodes after which callers ask this (the desk suggests it to them)
 * @param documents       一次性告知清单, one document per entry
 * @param validUntil      the last day it applies; none: until replaced
 * @param note            what changed and why, for the approver
 */
public record ArticleDraft(Integer basedOn,
                           @NotBlank @Size(max = 200) String title,
                           @NotBlank @Size(max = 8000) String answer,
                           @NotBlank @Size(max = 2000) String basis,
                           @NotEmpty @Size(max = 20) List<@NotBlank String> classifications,
                           @Size(max = 20) List<@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}",
                                   message = "must be the name of an IVR node (a-z, 0-9, -)") String> ivrNodes,
                           @Size(max = 30) List<@NotBlank @Size(max = 200) String> documents,
                           @NotNull LocalDate effectiveFrom,
                           LocalDate validUntil,
                           @Size(max = 400) String note) {

    List<String> ivrNodesOrNone() {
        return ivrNodes == null ? List.of() : ivrNodes;
    }

    List<String> documentsOrNone() {
        return documents == null ? List.of() : documents.stream().map(String::strip).toList();
    }
}
