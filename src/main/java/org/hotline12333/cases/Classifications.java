package org.hotline12333.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The centre's classification tree (GB/T 39666-2020 shape), read and checked once at start from
 * {@code hotline.cases.classification-file}: a file with any problem stops the start with every problem's line.
 * Cases and wrap-ups carry minor classes only ({@link Classification#assignable()}).
 */
@Service
public class Classifications {

    private static final Logger log = LoggerFactory.getLogger(Classifications.class);

    private final ClassificationTree tree;
    private final Map<String, Classification> byCode = new LinkedHashMap<>();

    Classifications(CasesProperties properties) {
        ClassificationFile.Loaded loaded = ClassificationFile.read(properties.classificationFile());
        this.tree = loaded.tree();
        loaded.classes().forEach(c -> byCode.put(c.code(), c));
        log.info("Classification tree {} ({}): {} classes, {} of them minor", properties.classificationFile(),
                tree.branch(), byCode.size(), byCode.values().stream().filter(Classification::assignable).count());
    }

    public ClassificationTree tree() {
        return tree;
    }

    public Optional<Classification> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.strip()));
    }

    /**
     * Classes whose code starts with {@code query} or whose name contains it (case-insensitive), in the tree's
     * order with an exact code first; blank: the first {@code limit} classes.
     */
    public List<Classification> search(String query, int limit) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Classification> found = new ArrayList<>();
        find(q).ifPresent(found::add);
        for (Classification c : byCode.values()) {
            if (found.size() >= limit) {
                break;
            }
            boolean matches = q.isEmpty() || c.code().startsWith(q) || c.name().toLowerCase(Locale.ROOT).contains(q);
            if (matches && !c.code().equals(q)) {
                found.add(c);
            }
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /**
     * The class a case or wrap-up may carry, or {@link IllegalArgumentException} saying why this code is not one:
     * unknown, or a major or medium class.
     */
    public Classification assignable(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("classification: a code of the classification tree is required "
                    + "(GET /api/classifications/search?q=... finds one)");
        }
        Classification c = find(code).orElseThrow(() -> new IllegalArgumentException("classification: unknown code '"
                + code.strip() + "' (GET /api/classifications/search?q=... finds one)"));
        if (!c.assignable()) {
            throw new IllegalArgumentException("classification: " + c.code() + " (" + c.name() + ") is a "
                    + c.level().name().toLowerCase() + " class; choose one of the minor classes under it");
        }
        return c;
    }
}
