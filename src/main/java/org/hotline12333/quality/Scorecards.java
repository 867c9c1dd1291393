package org.hotline12333.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline12333.quality.Scorecard.Item;
import org.hotline12333.quality.Scorecard.SpeechCheck;
import org.hotline12333.quality.Scorecard.Veto;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Scorecards and their versions in the database. A scorecard is never changed in place: a change is a new version. */
@Service
class Scorecards {

    private final JdbcClient db;
    private final Clock clock;

    Scorecards(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A stored version, and whether this request created it (false: the content was the same as the latest). */
    record Stored(Scorecard scorecard, boolean created) {
    }

    @Transactional(readOnly = true)
    Optional<Scorecard> latest(String id) {
        return db.sql("SELECT MAX(version) FROM quality_scorecard WHERE id = ?").param(id)
                .query(Integer.class).optional().flatMap(version -> version(id, version));
    }

    @Transactional(readOnly = true)
    Optional<Scorecard> version(String id, int version) {
        return db.sql("SELECT * FROM quality_scorecard WHERE id = ? AND version = ?").params(id, version)
                .query(this::card).optional();
    }

    /** The latest version of every scorecard. */
    @Transactional(readOnly = true)
    List<Scorecard> all() {
        return db.sql("""
                SELECT * FROM quality_scorecard s WHERE version = (SELECT MAX(version) FROM quality_scorecard v
                    WHERE v.id = s.id) ORDER BY id""").query(this::card).list();
    }

    @Transactional(readOnly = true)
    boolean none() {
        return db.sql("SELECT COUNT(*) FROM quality_scorecard").query(Long.class).single() == 0;
    }

    /**
     * Stores the spec as the next version of the scorecard, unless it says the same as the latest version.
     *
     * @throws org.springframework.web.server.ResponseStatusException 400, saying everything wrong with the spec
     */
    @Transactional
    Stored put(String id, ScorecardSpec spec, String by) {
        List<String> problems = new ArrayList<>(spec.problems());
        if (id == null || !ScorecardSpec.CODE.matcher(id).matches()) {
            problems.add(0, "id: lower-case letters, digits and '-', starting with a letter");
        }
        if (!problems.isEmpty()) {
            throw Problems.badRequest("scorecard " + id + ": " + String.join("; ", problems));
        }
        Optional<Scorecard> latest = latest(id);
        if (latest.isPresent() && latest.get().spec().sameAs(spec)) {
            return new Stored(latest.get(), false);
        }
        int version = latest.map(card -> card.version() + 1).orElse(1);
        db.sql("INSERT INTO quality_scorecard (id, version, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)")
                .params(id, version, spec.name().trim(), Timestamp.from(clock.instant()), by).update();
        int seq = 0;
        for (Item item : spec.items()) {
            insertItem(id, version, seq++, "ITEM", item.code(), item.name(), item.description(), item.weight(),
                    item.scale(), item.speech());
        }
        for (Veto veto : spec.vetoes()) {
            insertItem(id, version, seq++, "VETO", veto.code(), veto.name(), veto.description(), null, null,
                    veto.speech());
        }
        return new Stored(version(id, version).orElseThrow(), true);
    }

    private void insertItem(String id, int version, int seq, String kind, String code, String name,
                            String description, Object weight, Integer scale, SpeechCheck speech) {
        db.sql("""
                INSERT INTO quality_scorecard_item (scorecard_id, scorecard_version, seq, kind, code, name,
                    description, weight, scale, speech) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, version, seq, kind, code, name.trim(), description, weight, scale,
                        speech == null ? null : speech.name())
                .update();
    }

    private Scorecard card(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        int version = rs.getInt("version");
        List<Item> items = new ArrayList<>();
        List<Veto> vetoes = new ArrayList<>();
        db.sql("SELECT * FROM quality_scorecard_item WHERE scorecard_id = ? AND scorecard_version = ? ORDER BY seq")
                .params(id, version).query(item -> {
                    String speech = item.getString("speech");
                    SpeechCheck check = speech == null ? null : SpeechCheck.valueOf(speech);
                    if ("VETO".equals(item.getString("kind"))) {
                        vetoes.add(new Veto(item.getString("code"), item.getString("name"),
                                item.getString("description"), check));
                    } else {
                        items.add(new Item(item.getString("code"), item.getString("name"),
                                item.getString("description"), Points.plain(item.getBigDecimal("weight")),
                                item.getInt("scale"), check));
                    }
                });
        return new Scorecard(id, version, rs.getString("name"), items, vetoes,
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }
}
