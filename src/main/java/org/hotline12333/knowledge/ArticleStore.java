package org.hotline12333.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.server.ResponseStatusException;

/**
 * Articles and their versions in the database. A version is written once; only its review changes it. Writing a
 * version is conditional on the version it was based on still being the newest (optimistic locking across
 * instances); reviewing one locks its row.
 */
@Repository
class ArticleStore {

    private static final String COLUMNS = "article_code, version, title, answer, basis, classifications, ivr_nodes, "
            + "documents, effective_from, valid_until, change_note, status, author, written_at, reviewed_by, "
            + "reviewed_at, review_note";

    private final JdbcClient db;

    ArticleStore(JdbcClient db) {
        this.db = db;
    }

    boolean empty() {
        return db.sql("SELECT COUNT(*) FROM kb_article").query(Long.class).single() == 0;
    }

    /** A new article whose first version is this draft; 409 when the code is taken. */
    ArticleVersion create(String code, ArticleDraft draft, String author, Instant now) {
        try {
            db.sql("INSERT INTO kb_article (code, latest_version, created_at, created_by) VALUES (?, 1, ?, ?)")
                    .params(code, Timestamp.from(now), author).update();
        } catch (DuplicateKeyException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "article " + code + " exists already: write a new "
                    + "version of it (POST /api/knowledge/articles/" + code + "/versions)");
        }
        return insert(code, 1, draft, author, now);
    }

    /**
     * The next version, written from {@code draft.basedOn()}: stored only while that is the newest version, else 409
     * saying which one is. An earlier draft nobody reviewed yet is REPLACED by it.
     */
    ArticleVersion addVersion(String code, ArticleDraft draft, String author, Instant now) {
        int latest = latestVersion(code);
        if (draft.basedOn() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "basedOn: say which version you edited (the "
                    + "newest is " + latest + ")");
        }
        int based = draft.basedOn();
        boolean newest = db.sql("UPDATE kb_article SET latest_version = ? WHERE code = ? AND latest_version = ?")
                .params(based + 1, code, based).update() == 1;
        if (!newest) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "article " + code + " has changed since version "
                    + based + ": version " + latest + " is the newest (by " + version(code, latest).map(
                    ArticleVersion::author).orElse("?") + "); load it and make your change again");
        }
        db.sql("UPDATE kb_article_version SET status = 'REPLACED' WHERE article_code = ? AND status = 'DRAFT'")
                .param(code).update();
        return insert(code, based + 1, draft, author, now);
    }

    private ArticleVersion insert(String code, int version, ArticleDraft draft, String author, Instant now) {
        db.sql("INSERT INTO kb_article_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, "
                        + "?, NULL, NULL, NULL)")
                .params(code, version, draft.title().strip(), draft.answer().strip(), draft.basis().strip(),
                        draft.classifications().stream().map(String::strip).collect(Collectors.joining(",")), join(",", draft.ivrNodesOrNone()),
                        join("\n", draft.documentsOrNone()), draft.effectiveFrom(), draft.validUntil(),
                        draft.note(), author, Timestamp.from(now))
                .update();
        return version(code, version).orElseThrow();
    }

    /** The version, locked until the transaction ends. */
    Optional<ArticleVersion> lock(String code, int version) {
        return db.sql("SELECT " + COLUMNS + " FROM kb_article_version WHERE article_code = ? AND version = ? FOR UPDATE")
                .params(code, version).query(ArticleStore::row).optional();
    }

    /** Records the review of a DRAFT (the caller checked it is one, with the row locked). */
    void review(String code, int version, ArticleVersion.Status status, String reviewer, String note, Instant now) {
        db.sql("UPDATE kb_article_version SET status = ?, reviewed_by = ?, reviewed_at = ?, review_note = ? "
                        + "WHERE article_code = ? AND version = ? AND status = 'DRAFT'")
                .params(status.name(), reviewer, Timestamp.from(now), note, code, version).update();
    }

    int latestVersion(String code) {
        return db.sql("SELECT latest_version FROM kb_article WHERE code = ?").param(code).query(Integer.class)
                .optional().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no article " + code));
    }

    Optional<ArticleVersion> version(String code, int version) {
        return db.sql("SELECT " + COLUMNS + " FROM kb_article_version WHERE article_code = ? AND version = ?")
                .params(code, version).query(ArticleStore::row).optional();
    }

    List<ArticleVersion> versions(String code) {
        return db.sql("SELECT " + COLUMNS + " FROM kb_article_version WHERE article_code = ? ORDER BY version DESC")
                .param(code).query(ArticleStore::row).list();
    }

    /** Every article's newest version, whatever its status, by code. */
    List<ArticleVersion> newestVersions() {
        return db.sql("SELECT " + COLUMNS + " FROM kb_article a JOIN kb_article_version v "
                + "ON v.article_code = a.code AND v.version = a.latest_version ORDER BY a.code")
                .query(ArticleStore::row).list();
    }

    /** Drafts waiting for a second supervisor, oldest first. */
    List<ArticleVersion> drafts() {
        return db.sql("SELECT " + COLUMNS + " FROM kb_article_version WHERE status = 'DRAFT' ORDER BY written_at")
                .query(ArticleStore::row).list();
    }

    /** Every article's version in force on the day: its newest approved version that has begun, unless expired. */
    List<ArticleVersion> inForce(LocalDate day) {
        List<ArticleVersion> begun = db.sql("SELECT " + COLUMNS + " FROM kb_article_version WHERE status = 'APPROVED' "
                + "AND effective_from <= ?").param(day).query(ArticleStore::row).list();
        Map<String, ArticleVersion> newest = begun.stream().collect(Collectors.toMap(ArticleVersion::code,
                Function.identity(), (a, b) -> a.version() > b.version() ? a : b));
        return newest.values().stream().filter(v -> v.inForceOn(day))
                .sorted(Comparator.comparing(ArticleVersion::code)).toList();
    }

    Optional<ArticleVersion> inForce(String code, LocalDate day) {
        return db.sql("SELECT " + COLUMNS + " FROM kb_article_version WHERE article_code = ? AND status = 'APPROVED' "
                        + "AND effective_from <= ? ORDER BY version DESC").params(code, day)
                .query(ArticleStore::row).list().stream().findFirst().filter(v -> v.inForceOn(day));
    }

    /** Changes whenever a version is approved, on any instance: the index compares it to know it is behind. */
    String approvals() {
        return db.sql("SELECT COUNT(*) AS n, MAX(reviewed_at) AS last FROM kb_article_version WHERE status = 'APPROVED'")
                .query((rs, n) -> rs.getLong("n") + "|" + rs.getTimestamp("last")).single();
    }

    private static ArticleVersion row(ResultSet rs, int n) throws SQLException {
        Timestamp reviewed = rs.getTimestamp("reviewed_at");
        java.sql.Date until = rs.getDate("valid_until");
        return new ArticleVersion(rs.getString("article_code"), rs.getInt("version"), rs.getString("title"),
                rs.getString("answer"), rs.getString("basis"), split(rs.getString("classifications"), ","),
                split(rs.getString("ivr_nodes"), ","), split(rs.getString("documents"), "\n"),
                rs.getDate("effective_from").toLocalDate(), until == null ? null : until.toLocalDate(),
                rs.getString("change_note"), ArticleVersion.Status.valueOf(rs.getString("status")),
                rs.getString("author"), rs.getTimestamp("written_at").toInstant(), rs.getString("reviewed_by"),
                reviewed == null ? null : reviewed.toInstant(), rs.getString("review_note"));
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.stream(joined.split(separator))
                .filter(s -> !s.isBlank()).toList();
    }

    private static String join(String separator, List<String> items) {
        return items.isEmpty() ? null : String.join(separator, items);
    }
}
