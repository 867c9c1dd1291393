package org.hotline12333.routing;

import static org.hotline12333.sql.SqlTimes.instant;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Skill moves in the database ({@code skill_move}, {@code skill_move_level}), and how they change skills. */
@Repository
class SkillMoveStore {

    private static final String COLUMNS = "m.id, m.work_number, m.created_at, m.created_by, m.reason, m.until_at,"
            + " m.undone_at, m.undone_by, l.group_code, l.level";
    private static final String IN_FORCE = "m.undone_at IS NULL AND (m.until_at IS NULL OR m.until_at > ?)";

    private final JdbcClient db;

    SkillMoveStore(JdbcClient db) {
        this.db = db;
    }

    @Transactional
    long insert(String workNumber, Map<String, Integer> levels, String by, String reason, Instant at, Instant until) {
        KeyHolder key = new GeneratedKeyHolder();
        db.sql("INSERT INTO skill_move (work_number, created_by, created_at, until_at, reason) VALUES (?, ?, ?, ?, ?)")
                .params(workNumber, by, AgentStore.ts(at), AgentStore.ts(until), reason).update(key, "id");
        long id = key.getKey().longValue();
        levels.forEach((group, level) -> db.sql("INSERT INTO skill_move_level (move_id, group_code, level)"
                + " VALUES (?, ?, ?)").params(id, group, level).update());
        return id;
    }

    /** Undoes a move once; false when it was undone already. */
    @Transactional
    boolean undo(long id, String by, Instant at) {
        return db.sql("UPDATE skill_move SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL")
                .params(AgentStore.ts(at), by, id).update() == 1;
    }

    Optional<SkillMove> find(long id) {
        return moves("m.id = ?", List.of(id)).stream().findFirst();
    }

    /** The moves in force now, oldest first (a later move of the same group wins). */
    List<SkillMove> inForce(Instant now) {
        return moves(IN_FORCE, List.of(AgentStore.ts(now)));
    }

    /** Moves made since then, in force or not, oldest first. */
    List<SkillMove> since(Instant from) {
        return moves("m.created_at >= ?", List.of(AgentStore.ts(from)));
    }

    /** Permanent skills with the moves in force now laid over them, oldest move first. */
    Map<String, Map<String, Integer>> overlay(Map<String, Map<String, Integer>> permanent, Instant now) {
        List<SkillMove> moves = inForce(now);
        if (moves.isEmpty()) {
            return permanent;
        }
        Map<String, Map<String, Integer>> skills = new HashMap<>();
        permanent.forEach((agent, levels) -> skills.put(agent, new HashMap<>(levels)));
        for (SkillMove move : moves) {
            Map<String, Integer> levels = skills.computeIfAbsent(move.workNumber(), a -> new HashMap<>());
            move.levels().forEach((group, level) -> {
                if (level > 0) {
                    levels.put(group, level);
                } else {
                    levels.remove(group);
                }
            });
        }
        return skills;
    }

    private List<SkillMove> moves(String where, List<Object> params) {
        Map<Long, SkillMove> moves = new LinkedHashMap<>();
        Map<Long, Map<String, Integer>> levels = new HashMap<>();
        db.sql("SELECT " + COLUMNS + " FROM skill_move m JOIN skill_move_level l ON l.move_id = m.id WHERE " + where
                        + " ORDER BY m.id, l.group_code")
                .params(params).query((ResultSet rs) -> {
                    long id = rs.getLong(1);
                    if (!moves.containsKey(id)) {
                        moves.put(id, new SkillMove(id, rs.getString(2), Map.of(), instant(rs, 3),
                                rs.getString(4), rs.getString(5), instant(rs, 6), instant(rs, 7),
                                rs.getString(8)));
                    }
                    levels.computeIfAbsent(id, k -> new TreeMap<>()).put(rs.getString(9), rs.getInt(10));
                });
        List<SkillMove> result = new ArrayList<>();
        moves.forEach((id, m) -> result.add(new SkillMove(id, m.workNumber(),
                Collections.unmodifiableMap(levels.get(id)), m.at(), m.by(), m.reason(), m.until(), m.undoneAt(),
                m.undoneBy())));
        return result;
    }
}
