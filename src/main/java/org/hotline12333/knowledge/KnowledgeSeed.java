package org.hotline12333.knowledge;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the empty knowledge base from {@code hotline.knowledge.seed} on the first start. The file is the centre's
 * agreed text, so its articles are stored as version 1, written and approved by {@code seed} (the one exception to
 * four eyes, said in docs/knowledge.md). An article that breaks a rule stops the start, saying which and why.
 */
@Component
class KnowledgeSeed implements SmartInitializingSingleton {

    static final String SEED_USER = "seed";
    private static final Logger log = LoggerFactory.getLogger(KnowledgeSeed.class);

    private final ArticleStore store;
    private final ArticleEditing editing;
    private final KnowledgeProperties properties;
    private final ResourceLoader resources;
    private final Validator validator;
    private final TransactionTemplate transactions;
    private final Clock clock;

    KnowledgeSeed(ArticleStore store, ArticleEditing editing, KnowledgeProperties properties, ResourceLoader resources,
                  Validator validator, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.editing = editing;
        this.properties = properties;
        this.resources = resources;
        this.validator = validator;
        this.transactions = transactions;
        this.clock = clock;
    }

    record SeedFile(@DefaultValue List<Entry> articles) {
    }

    record Entry(String code, String title, String answer, String basis, @DefaultValue List<String> classifications,
                 @DefaultValue List<String> ivr, @DefaultValue List<String> documents, LocalDate effectiveFrom,
                 LocalDate validUntil) {

        ArticleDraft draft(String seed) {
            return new ArticleDraft(null, title, answer, basis, classifications, ivr, documents, effectiveFrom,
                    validUntil, "imported from " + seed);
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        String seed = properties.seed();
        if (seed == null || seed.isBlank() || !store.empty()) {
            return;
        }
        SeedFile file = read(seed);
        for (Entry entry : file.articles()) {
            ArticleDraft draft = entry.draft(seed);
            Set<ConstraintViolation<ArticleDraft>> problems = validator.validate(draft);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(seed + ": article " + entry.code() + ": " + problems.stream()
                        .map(p -> p.getPropertyPath() + " " + p.getMessage()).sorted().collect(Collectors.joining("; ")));
            }
            try {
                editing.check(draft);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(seed + ": article " + entry.code() + ": " + e.getMessage(), e);
            }
        }
        transactions.executeWithoutResult(status -> file.articles().forEach(entry -> {
            store.create(entry.code(), entry.draft(seed), SEED_USER, clock.instant());
            store.review(entry.code(), 1, ArticleVersion.Status.APPROVED, SEED_USER, "imported from " + seed,
                    clock.instant());
        }));
        log.info("Knowledge base seeded from {}: {} articles", seed, file.articles().size());
    }

    private SeedFile read(String seed) {
        try {
            var sources = new YamlPropertySourceLoader().load("knowledge-seed", resources.getResource(seed));
            return new Binder(ConfigurationPropertySources.from(sources)).bind("", SeedFile.class)
                    .orElseThrow(() -> new IllegalStateException("no 'articles:' in " + seed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge seed " + seed, e);
        }
    }
}
