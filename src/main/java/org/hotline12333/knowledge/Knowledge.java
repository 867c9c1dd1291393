package org.hotline12333.knowledge;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;
import org.hotline12333.cases.Classification;
import org.hotline12333.cases.Classifications;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * What agents (and the desk) ask of the knowledge base: search, suggestions for a call, and an article opened on a
 * call. Only versions in force today are found. The index is built from the database at the first use after the
 * start and rebuilt whenever a version was approved since (on this instance or another) or the day changed (effective
 * dates, expiries), which one aggregate query per search tells.
 */
@Service
public class Knowledge implements DisposableBean {

    private final ArticleStore store;
    private final ArticleOpenings openings;
    private final Classifications classifications;
    private final KnowledgeProperties properties;
    private final Clock clock;
    private final KnowledgeIndex index = new KnowledgeIndex();
    private volatile String indexed;

    Knowledge(ArticleStore store, ArticleOpenings openings, Classifications classifications,
              KnowledgeProperties properties, Clock clock) {
        this.store = store;
        this.openings = openings;
        this.classifications = classifications;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Articles in force matching the text, best first, with the matching words marked. 400 (IllegalArgumentException)
     * for an empty text or one longer than {@code hotline.knowledge.max-query-length}.
     */
    public List<KnowledgeHit> search(String text, int limit) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty()) {
            throw new IllegalArgumentException("q: type what the caller asks about, e.g. 退休 养老金 计发 (an empty "
                    + "search finds nothing; the desk suggests articles for the call before anything is typed)");
        }
        if (q.length() > properties.maxQueryLength()) {
            throw new IllegalArgumentException("q: " + q.length() + " characters is too long to search; at most "
                    + properties.maxQueryLength() + " (a few words work best)");
        }
        limit(limit);
        Query query = index.textQuery(q);
        return current().search(query, limit).stream().map(found -> new KnowledgeHit(found.code(), found.version(),
                found.title(), Highlights.title(index.analyzer(), query, found.title()),
                Highlights.snippet(index.analyzer(), query, found.answer()), found.codes(), found.score(),
                List.of())).toList();
    }

    /**
     * Articles for a call before anything is typed: for the IVR nodes the caller went through (in order) and the
     * classification chosen, if any. Nothing known, nothing suggested.
     */
    public List<KnowledgeHit> suggest(List<String> ivrNodes, String classification, int limit) {
        limit(limit);
        List<String> nodes = ivrNodes == null ? List.of() : ivrNodes;
        String code = classification == null || classification.isBlank() ? null
                : classifications.assignable(classification.strip()).code();
        if (nodes.isEmpty() && code == null) {
            return List.of();
        }
        Query query = KnowledgeIndex.contextQuery(nodes, code);
        return current().search(query, limit).stream().map(found -> new KnowledgeHit(found.code(), found.version(),
                found.title(), found.title(), Highlights.snippet(index.analyzer(), query, found.answer()),
                found.codes(), found.score(), why(found, nodes, code))).toList();
    }

    /** What an article was suggested for: the last IVR node of the caller's that it answers, and the class. */
    private static List<String> why(KnowledgeIndex.Found found, List<String> nodes, String code) {
        List<String> why = new ArrayList<>();
        nodes.stream().filter(found.ivrNodes()::contains).reduce((a, b) -> b).ifPresent(n -> why.add("IVR " + n));
        if (code != null && found.codes().contains(code)) {
            why.add("class " + code);
        } else if (code != null && found.codes().stream().anyMatch(c -> c.startsWith(code.substring(0, 4)))) {
            why.add("class " + code.substring(0, 4) + "00");
        }
        return List.copyOf(why);
    }

    /**
     * The article's version in force today, for an agent; the opening is stored with the call it was read on (none:
     * read outside a call). 404 when the article has no version in force.
     */
    public KnowledgeArticle open(String code, String callId, String username, String workNumber) {
        ArticleVersion version = store.inForce(code, today()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no article " + code + " in force today"));
        openings.record(version, callId, username, workNumber, clock.instant());
        return article(version);
    }

    KnowledgeArticle article(ArticleVersion v) {
        return new KnowledgeArticle(v.code(), v.version(), v.title(), v.answer(), v.basis(),
                v.classifications().stream().map(c -> new KnowledgeArticle.ClassRef(c,
                        classifications.find(c).map(Classification::name).orElse(null))).toList(),
                v.ivrNodes(), v.documents(), v.effectiveFrom(), v.validUntil(), v.author(), v.reviewedBy(),
                v.reviewedAt());
    }

    /**
     * The index, rebuilt first if a version was approved since it was built or the day changed. Searches check
     * concurrently; only a rebuild is done by one thread at a time.
     */
    KnowledgeIndex current() {
        LocalDate today = today();
        String now = store.approvals() + "|" + today;
        if (!now.equals(indexed)) {
            synchronized (this) {
                if (!now.equals(indexed)) {
                    index.replaceAll(store.inForce(today).stream().map(v -> new KnowledgeIndex.Entry(v,
                            v.classifications().stream().flatMap(c -> classNames(c).stream()).distinct().toList()))
                            .toList());
                    indexed = now;
                }
            }
        }
        return index;
    }

    /** The names of a class and of its parents: 退休审批与待遇核定, 养老保险, 社会保险. */
    private List<String> classNames(String code) {
        List<String> names = new ArrayList<>();
        classifications.find(code).ifPresent(c -> names.add(c.name()));
        classifications.find(code.substring(0, 4) + "00").ifPresent(c -> names.add(c.name()));
        return names;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.zone());
    }

    private static void limit(int limit) {
        if (limit < 1 || limit > 50) {
            throw new IllegalArgumentException("limit must be between 1 and 50");
        }
    }

    @Override
    public void destroy() throws Exception {
        index.close();
    }
}
