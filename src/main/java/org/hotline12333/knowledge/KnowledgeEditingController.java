package org.hotline12333.knowledge;

import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What supervisors do: write versions, review each other's (four eyes), see every version with who wrote and who
 * approved it, and which articles were opened on which call. Under {@code /api/knowledge} (HTTP Basic) and
 * {@code /knowledge/data} (the knowledge page's session).
 */
@RestController
@RequestMapping({"/api/knowledge", "/knowledge/data"})
@PreAuthorize("hasRole('SUPERVISOR')")
class KnowledgeEditingController {

    private final ArticleEditing editing;
    private final ArticleOpenings openings;
    private final Clock clock;

    KnowledgeEditingController(ArticleEditing editing, ArticleOpenings openings, Clock clock) {
        this.editing = editing;
        this.openings = openings;
        this.clock = clock;
    }

    record Review(String note) {
    }

    /**
     * A new version: {@code basedOn} is the version it was written from (409 when that is no longer the newest); no
     * {@code basedOn} writes a new article (409 when the code is taken). It waits as a DRAFT for another supervisor.
     */
    @PostMapping("/articles/{code}/versions")
    ResponseEntity<ArticleVersion> write(@PathVariable String code, @Valid @RequestBody ArticleDraft draft,
                                         Principal user) {
        ArticleVersion written = draft.basedOn() == null ? editing.create(code, draft, user.getName())
                : editing.write(code, draft, user.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(written);
    }

    @GetMapping("/articles/{code}/versions")
    List<ArticleVersion> versions(@PathVariable String code) {
        return editing.versions(code);
    }

    @PostMapping("/articles/{code}/versions/{version}/approve")
    ArticleVersion approve(@PathVariable String code, @PathVariable int version,
                           @RequestBody(required = false) Review review, Principal user) {
        return editing.approve(code, version, user.getName(), review == null ? null : review.note());
    }

    @PostMapping("/articles/{code}/versions/{version}/reject")
    ArticleVersion reject(@PathVariable String code, @PathVariable int version,
                          @RequestBody(required = false) Review review, Principal user) {
        return editing.reject(code, version, user.getName(), review == null ? null : review.note());
    }

    /** Every article: its newest version (and its status) and the version in force today. */
    @GetMapping("/catalogue")
    List<ArticleEditing.Entry> catalogue() {
        return editing.catalogue();
    }

    /** Versions waiting for review, oldest first. */
    @GetMapping("/drafts")
    List<ArticleVersion> drafts() {
        return editing.drafts();
    }

    /** Which articles were opened on a call ({@code call}), or who opened an article when ({@code article}). */
    @GetMapping("/openings")
    List<ArticleOpenings.Opening> openings(@RequestParam(required = false) String call,
                                           @RequestParam(required = false) String article,
                                           @RequestParam(required = false) Instant from,
                                           @RequestParam(required = false) Instant to,
                                           @RequestParam(defaultValue = "100") int limit) {
        if ((call == null) == (article == null)) {
            throw new IllegalArgumentException("give either call (a call id) or article (an article code)");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        if (call != null) {
            return openings.ofCall(call);
        }
        Instant end = to == null ? clock.instant().plus(Duration.ofDays(1)) : to;
        return openings.ofArticle(article, from == null ? end.minus(Duration.ofDays(30)) : from, end, limit);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
