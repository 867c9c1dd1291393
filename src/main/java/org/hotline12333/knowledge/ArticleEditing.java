package org.hotline12333.knowledge;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.hotline12333.cases.Classifications;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Supervisors write articles and review each other's versions (four eyes: the author of a version never approves
 * it). Everything a version says is checked before anything is written; an approval is in the index before the
 * request returns.
 */
@Service
class ArticleEditing {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

    private final ArticleStore store;
    private final Classifications classifications;
    private final Knowledge knowledge;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ArticleEditing(ArticleStore store, Classifications classifications, Knowledge knowledge,
                   TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.classifications = classifications;
        this.knowledge = knowledge;
        this.transactions = transactions;
        this.clock = clock;
    }

    ArticleVersion create(String code, ArticleDraft draft, String author) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code: 2 to 64 of a-z, 0-9 and -, starting with a letter or digit "
                    + "(e.g. pension-calculation)");
        }
        if (draft.basedOn() != null) {
            throw new IllegalArgumentException("basedOn: a new article is based on no version");
        }
        check(draft);
        return transactions.execute(status -> store.create(code, draft, author, clock.instant()));
    }

    ArticleVersion write(String code, ArticleDraft draft, String author) {
        check(draft);
        return transactions.execute(status -> store.addVersion(code, draft, author, clock.instant()));
    }

    ArticleVersion approve(String code, int version, String reviewer, String note) {
        ArticleVersion approved = review(code, version, reviewer, ArticleVersion.Status.APPROVED, note);
        knowledge.current(KnowledgeIndexRebuilt.Reason.APPROVAL);
        return approved;
    }

    ArticleVersion reject(String code, int version, String reviewer, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: say what must change before it can be approved");
        }
        return review(code, version, reviewer, ArticleVersion.Status.REJECTED, reason);
    }

    private ArticleVersion review(String code, int version, String reviewer, ArticleVersion.Status outcome,
                                  String note) {
        if (note != null && note.length() > 400) {
            throw new IllegalArgumentException("note: at most 400 characters");
        }
        return transactions.execute(status -> {
            ArticleVersion draft = store.lock(code, version).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "no version " + version + " of article " + code));
            if (draft.status() != ArticleVersion.Status.DRAFT) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "version " + version + " of " + code + " is "
                        + draft.status() + (draft.status() == ArticleVersion.Status.REPLACED ? " by version "
                        + store.latestVersion(code) + ": review that one" : draft.reviewedBy() == null ? ""
                        : " (by " + draft.reviewedBy() + ")") + "; only a DRAFT can be reviewed");
            }
            if (draft.author().equals(reviewer)) {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "you wrote version " + version + " of " + code
                        + ": another supervisor reviews it (four eyes)");
            }
            store.review(code, version, outcome, reviewer, note, clock.instant());
            return store.version(code, version).orElseThrow();
        });
    }

    void check(ArticleDraft draft) {
        draft.classifications().forEach(code -> {
            try {
                classifications.assignable(code.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("classifications: " + e.getMessage()
                        .replaceFirst("^classification: ", ""));
            }
        });
        if (draft.validUntil() != null && draft.validUntil().isBefore(draft.effectiveFrom())) {
            throw new IllegalArgumentException("validUntil: " + draft.validUntil() + " is before effectiveFrom "
                    + draft.effectiveFrom());
        }
        if (String.join("\n", draft.documentsOrNone()).length() > 6500) {
            throw new IllegalArgumentException("documents: too long together (at most 6500 characters)");
        }
    }

    /**
     * An article as supervisors list them: its newest version (a draft waiting, say) and the version in force today.
     *
     * @param inForce the version agents read today; null when none is
     */
    record Entry(String code, String title, int newest, ArticleVersion.Status newestStatus, String newestAuthor,
                 Instant writtenAt, Integer inForce, LocalDate inForceUntil) {
    }

    List<Entry> catalogue() {
        Map<String, ArticleVersion> inForce = store.inForce(knowledge.today()).stream()
                .collect(Collectors.toMap(ArticleVersion::code, v -> v));
        return store.newestVersions().stream().map(v -> {
            ArticleVersion current = inForce.get(v.code());
            return new Entry(v.code(), v.title(), v.version(), v.status(), v.author(), v.writtenAt(),
                    current == null ? null : current.version(), current == null ? null : current.validUntil());
        }).toList();
    }

    List<ArticleVersion> versions(String code) {
        store.latestVersion(code);
        return store.versions(code);
    }

    List<ArticleVersion> drafts() {
        return store.drafts();
    }
}
