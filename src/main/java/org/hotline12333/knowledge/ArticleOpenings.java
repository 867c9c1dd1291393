package org.hotline12333.knowledge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which article (which version) was opened, by whom, on which call: quality sees whether the agreed answer was read. */
@Repository
class ArticleOpenings {

    /**
     * @param callId          the call it was opened on; null when opened outside a call
     * @param classifications the classes the version read answers
     */
    record Opening(long id, String code, int version, String title, List<String> classifications, String callId,
                   String username, String workNumber, Instant at) {
    }

    private static final String SELECT = "SELECT o.id, o.article_code, o.version, v.title, v.classifications, "
            + "o.call_id, o.username, o.work_number, o.opened_at FROM kb_article_opened o JOIN kb_article_version v "
            + "ON v.article_code = o.article_code AND v.version = o.version ";

    private final JdbcClient db;

    ArticleOpenings(JdbcClient db) {
        this.db = db;
    }

    void record(ArticleVersion version, String callId, String username, String workNumber, Instant at) {
        db.sql("INSERT INTO kb_article_opened (article_code, version, call_id, username, work_number, opened_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(version.code(), version.version(), callId, username, workNumber, Timestamp.from(at)).update();
    }

    List<Opening> ofCall(String callId) {
        return db.sql(SELECT + "WHERE o.call_id = ? ORDER BY o.opened_at, o.id").param(callId).query(ArticleOpenings::row)
                .list();
    }

    List<Opening> ofArticle(String code, Instant from, Instant to, int limit) {
        return db.sql(SELECT + "WHERE o.article_code = ? AND o.opened_at >= ? AND o.opened_at < ? "
                        + "ORDER BY o.opened_at DESC, o.id DESC LIMIT ?")
                .params(code, Timestamp.from(from), Timestamp.from(to), limit).query(ArticleOpenings::row).list();
    }

    private static Opening row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Opening(rs.getLong("id"), rs.getString("article_code"), rs.getInt("version"), rs.getString("title"),
                List.of(rs.getString("classifications").split(",")), rs.getString("call_id"), rs.getString("username"), rs.getString("work_number"),
                rs.getTimestamp("opened_at").toInstant());
    }
}
