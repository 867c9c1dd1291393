package org.hotline12333.quality;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline12333.quality.Score.CardRef;
import org.hotline12333.quality.Score.ItemView;
import org.hotline12333.quality.Score.Links;
import org.hotline12333.quality.Score.VetoView;
import org.hotline12333.quality.ScoreSheet.Outcome;
import org.hotline12333.quality.ScoreSheet.ScoredItem;
import org.hotline12333.quality.ScoreSheet.ScoredVeto;
import org.hotline12333.sql.RowIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Scores and their items in the database; every revision is kept, the newest one of a call is current. */
@Repository
class ScoreStore {

    private final JdbcClient db;

    ScoreStore(JdbcClient db) {
        this.db = db;
    }

    /** What a new revision is about: the call, its agent and recording, and who scored it when. */
    record NewScore(String callId, String agent, Instant connectedAt, String recordingId, Scorecard card,
                    ScoreSheet.Result result, boolean live, String scorer, Instant scoredAt, String comment,
                    Long appealId) {
    }

    /** Stores the call's next revision as its current score; to be called in a transaction. */
    Score insert(NewScore score) {
        int revision = db.sql("SELECT COALESCE(MAX(revision), 0) FROM quality_score WHERE call_id = ?")
                .param(score.callId()).query(Integer.class).single() + 1;
        db.sql("UPDATE quality_score SET is_current = FALSE WHERE call_id = ? AND is_current")
                .param(score.callId()).update();
        String id = RowIds.next();
        ScoreSheet.Result result = score.result();
        db.sql("""
                INSERT INTO quality_score (id, call_id, revision, is_current, recording_id, agent, call_connected_at,
                    scorecard_id, scorecard_version, points, total, vetoed, live, scorer, scored_at, comment, appeal_id)
                VALUES (:id, :call, :revision, TRUE, :recording, :agent, :connected, :card, :version, :points, :total,
                    :vetoed, :live, :scorer, :at, :comment, :appeal)""")
                .param("id", id).param("call", score.callId()).param("revision", revision)
                .param("recording", score.recordingId()).param("agent", score.agent())
                .param("connected", Timestamp.from(score.connectedAt())).param("card", score.card().id())
                .param("version", score.card().version()).param("points", result.points())
                .param("total", result.total()).param("vetoed", result.vetoed()).param("live", score.live())
                .param("scorer", score.scorer()).param("at", Timestamp.from(score.scoredAt()))
                .param("comment", score.comment()).param("appeal", score.appealId())
                .update();
        int seq = 0;
        for (ScoredItem item : result.items()) {
            Proposal proposal = item.proposal();
            db.sql("""
                    INSERT INTO quality_score_item (score_id, seq, kind, code, name, weight, scale, rating, points,
                        prefilled, proposed_rating, evidence, decision)
                    VALUES (?, ?, 'ITEM', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, seq++, item.code(), item.name(), item.weight(), item.scale(), item.rating(),
                            item.points(), proposal != null, proposal == null ? null : proposal.rating(),
                            proposal == null ? null : proposal.evidence(), name(item.outcome()))
                    .update();
        }
        for (ScoredVeto veto : result.vetoes()) {
            Proposal proposal = veto.proposal();
            db.sql("""
                    INSERT INTO quality_score_item (score_id, seq, kind, code, name, applied, prefilled,
                        proposed_applied, evidence, decision, note)
                    VALUES (?, ?, 'VETO', ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, seq++, veto.code(), veto.name(), veto.applied(), proposal != null,
                            proposal == null ? null : proposal.applied(), proposal == null ? null : proposal.evidence(),
                            name(veto.outcome()), veto.note())
                    .update();
        }
        return find(id).orElseThrow();
    }

    Optional<Score> find(String id) {
        return db.sql("SELECT * FROM quality_score WHERE id = ?").param(id).query(this::score).optional();
    }

    Optional<Score> current(String callId) {
        return db.sql("SELECT * FROM quality_score WHERE call_id = ? AND is_current").param(callId)
                .query(this::score).optional();
    }

    /** Every revision of the call's score, oldest first. */
    List<Score> revisions(String callId) {
        return db.sql("SELECT * FROM quality_score WHERE call_id = ? ORDER BY revision").param(callId)
                .query(this::score).list();
    }

    /** Current scores of calls answered in [from, to), of one agent or of all (agent null), newest call first. */
    List<Score> currentBetween(String agent, Instant from, Instant to, int limit) {
        JdbcClient.StatementSpec query = db.sql("SELECT * FROM quality_score WHERE is_current"
                        + (agent == null ? "" : " AND agent = :agent")
                        + " AND call_connected_at >= :from AND call_connected_at < :to"
                        + " ORDER BY call_connected_at DESC, id LIMIT :limit")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("limit", limit);
        return (agent == null ? query : query.param("agent", agent)).query(this::score).list();
    }

    void sidecarWritten(String id) {
        db.sql("UPDATE quality_score SET sidecar_written = TRUE WHERE id = ?").param(id).update();
    }

    /** Current scores of recorded calls whose sidecar is not written yet (recording still open, or a disk problem). */
    List<Score> sidecarsPending(int limit) {
        return db.sql("""
                SELECT * FROM quality_score WHERE is_current AND NOT sidecar_written AND recording_id IS NOT NULL
                ORDER BY scored_at LIMIT ?""").param(limit).query(this::score).list();
    }

    private Score score(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        List<ItemView> items = new ArrayList<>();
        List<VetoView> vetoes = new ArrayList<>();
        db.sql("SELECT * FROM quality_score_item WHERE score_id = ? ORDER BY seq").param(id).query(item -> {
            Outcome decision = item.getString("decision") == null ? null : Outcome.valueOf(item.getString("decision"));
            if ("VETO".equals(item.getString("kind"))) {
                Boolean proposed = item.getBoolean("proposed_applied");
                vetoes.add(new VetoView(item.getString("code"), item.getString("name"), item.getBoolean("applied"),
                        item.getBoolean("prefilled"), item.wasNull() ? null : proposed, item.getString("evidence"),
                        decision, item.getString("note")));
            } else {
                int proposed = item.getInt("proposed_rating");
                Integer proposedRating = item.wasNull() ? null : proposed;
                items.add(new ItemView(item.getString("code"), item.getString("name"),
                        Points.plain(item.getBigDecimal("weight")), item.getInt("scale"), item.getInt("rating"),
                        item.getBigDecimal("points"), item.getBoolean("prefilled"), proposedRating,
                        item.getString("evidence"), decision));
            }
        });
        long appeal = rs.getLong("appeal_id");
        Long appealId = rs.wasNull() ? null : appeal;
        String callId = rs.getString("call_id");
        String recordingId = rs.getString("recording_id");
        return new Score(id, callId, rs.getInt("revision"), rs.getBoolean("is_current"), rs.getString("agent"),
                rs.getTimestamp("call_connected_at").toInstant(),
                new CardRef(rs.getString("scorecard_id"), rs.getInt("scorecard_version")), items, vetoes,
                money(rs.getBigDecimal("points")), money(rs.getBigDecimal("total")), rs.getBoolean("vetoed"),
                rs.getBoolean("live"), rs.getString("scorer"), rs.getTimestamp("scored_at").toInstant(),
                rs.getString("comment"), appealId, rs.getBoolean("sidecar_written"), Links.of(callId, recordingId));
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(Points.SCALE);
    }

    private static String name(Outcome outcome) {
        return outcome == null ? null : outcome.name();
    }
}
