package org.hotline12333.knowledge;

import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
 * What agents read: full-text search and articles in force today. Under {@code /api/knowledge} (HTTP Basic),
 * {@code /desk/data/knowledge} (the desk page's session) and {@code /knowledge/data} (the knowledge page's). Opening an article here stores the opening without a call;
 * the desk opens articles on the agent's call ({@code /api/desk/articles/{code}}).
 */
@RestController
@RequestMapping({"/api/knowledge", "/desk/data/knowledge", "/knowledge/data"})
@PreAuthorize("hasRole('AGENT')")
class KnowledgeController {

    private final Knowledge knowledge;
    private final ArticleStore store;

    KnowledgeController(Knowledge knowledge, ArticleStore store) {
        this.knowledge = knowledge;
        this.store = store;
    }

    record ArticleSummary(String code, int version, String title, List<String> classifications) {
    }

    record Search(String q, Integer limit) {
    }

    /** Articles in force matching {@code q}, best first; the title and classification count most. */
    @GetMapping("/search")
    List<KnowledgeHit> search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "10") int limit) {
        return knowledge.search(q, limit);
    }

    /**
     * The same search with the text in the body: what an agent pasted reaches the service whatever its length and
     * gets a clear answer, where a URL beyond the web server's 8 KB would be refused before (the desk page uses this).
     */
    @PostMapping("/search")
    List<KnowledgeHit> search(@RequestBody Search search) {
        return knowledge.search(search.q(), search.limit() == null ? 10 : search.limit());
    }

    /** Every article in force today. */
    @GetMapping("/articles")
    List<ArticleSummary> articles() {
        return store.inForce(knowledge.today()).stream().map(v -> new ArticleSummary(v.code(), v.version(), v.title(),
                v.classifications())).toList();
    }

    @GetMapping("/articles/{code}")
    KnowledgeArticle article(@PathVariable String code, Principal user) {
        return knowledge.open(code, null, user.getName(), null);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
