package org.hotline12333.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.Query;
import org.hotline12333.cases.Classification;
import org.hotline12333.cases.Classifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * What agents (and the desk) ask of the knowledge base: search, suggestions for a call, and an article opened on a
 * call. Only versions in force today are found. The index is built from the database when the service has started
 * and rebuilt whenever a version was approved since (on this instance or another) or the day changed (effective
 * dates, expiries), which one aggregate query per search tells.
 */
@Service
public class Knowledge implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Knowledge.class);

    private final ArticleStore store;
    private final ArticleOpenings openings;
    private final Classifications classifications;
    private final KnowledgeProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final KnowledgeIndex index = new KnowledgeIndex();
    /** What the index was built from: the approvals' count and latest time, and the day. */
    private volatile String indexed;

    Knowledge(ArticleStore store, ArticleOpenings openings, Classifications classifications,
              KnowledgeProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.openings = openings;
        this.classifications = classifications;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /** The index is built before the first call needs it (the seed, if any, is in the database by now). */
    @EventListener(ApplicationReadyEvent.class)
    void buildAtStart() {
        current(KnowledgeIndexRebuilt.Reason.START);
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

    /**
     * Which articles were opened on a call, and whether one answers the class it was wrapped up with
     * ({@code classification}, null when it has none): quality sees whether the agreed answer was looked at.
     */
    public KnowledgeUse usedOn(String callId, String classification) {
        List<KnowledgeUse.Opened> opened = openings.ofCall(callId).stream().map(o -> new KnowledgeUse.Opened(o.code(),
                o.version(), o.title(), o.classifications(), o.username(), o.workNumber(), o.at())).toList();
        if (classification == null || classification.isBlank()) {
            return new KnowledgeUse(opened, null, List.of(), null);
        }
        List<KnowledgeUse.AgreedAnswer> agreed = current().search(KnowledgeIndex.contextQuery(List.of(), classification),
                        50).stream().filter(found -> found.codes().contains(classification))
                .map(found -> new KnowledgeUse.AgreedAnswer(found.code(), found.version(), found.title())).toList();
        return new KnowledgeUse(opened, classification, agreed,
                opened.stream().anyMatch(o -> o.classifications().contains(classification)));
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
        return current(null);
    }

    KnowledgeIndex current(KnowledgeIndexRebuilt.Reason reason) {
        LocalDate today = today();
        String now = store.approvals() + "|" + today;
        if (!now.equals(indexed)) {
            synchronized (this) {
                String before = indexed;
                if (!now.equals(before)) {
                    long start = System.nanoTime();
                    List<ArticleVersion> inForce = store.inForce(today);
                    index.replaceAll(inForce.stream().map(v -> new KnowledgeIndex.Entry(v,
                            v.classifications().stream().flatMap(c -> classNames(c).stream()).distinct().toList()))
                            .toList());
                    indexed = now;
                    KnowledgeIndexRebuilt rebuilt = new KnowledgeIndexRebuilt(inForce.size(), reason != null ? reason
                            : before == null ? KnowledgeIndexRebuilt.Reason.FIRST_SEARCH
                            : before.endsWith("|" + today) ? KnowledgeIndexRebuilt.Reason.APPROVAL
                            : KnowledgeIndexRebuilt.Reason.NEW_DAY, today,
                            Duration.ofNanos(System.nanoTime() - start));
                    log.info("Knowledge index rebuilt ({}): {} articles in force on {}, {} ms", rebuilt.reason(),
                            rebuilt.articles(), today, rebuilt.took().toMillis());
                    events.publishEvent(rebuilt);
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
