package org.hotline12333.routing;

import java.time.Instant;
import java.util.Map;

/**
 * A temporary change of an agent's skills (a supervisor moving them to another group during a peak): in force from
 * {@code at} until {@code until} (null: until undone) or until undone; the permanent profile is not touched.
 *
 * @param levels skill group → level while the move is in force; 0 takes the agent out of that group
 */
public record SkillMove(long id, String workNumber, Map<String, Integer> levels, Instant at, String by,
                        String reason, Instant until, Instant undoneAt, String undoneBy) {

    public boolean inForce(Instant now) {
        return undoneAt == null && (until == null || until.isAfter(now));
    }
}
