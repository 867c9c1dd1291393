package org.hotline12333.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Supervisors moving agents between skill groups, or changing their levels, for a while (the rest of the day, or
 * until undone) without touching the permanent profile administrators keep. Routing lays the moves in force over the
 * permanent skills at every sync ({@link AgentStore#skillsNow}); a move applies at once on this instance and within a
 * sync interval on the others, and ends by itself at its {@code until}.
 */
@Service
public class SkillMoves {

    private static final Logger log = LoggerFactory.getLogger(SkillMoves.class);
    static final int MAX_LEVEL = 99;

    private final SkillMoveStore moves;
    private final AgentStore store;
    private final RoutingEngine engine;
    private final RoutingSync sync;

    SkillMoves(SkillMoveStore moves, AgentStore store, RoutingEngine engine, RoutingSync sync) {
        this.moves = moves;
        this.store = store;
        this.engine = engine;
        this.sync = sync;
    }

    /**
     * Gives an agent these levels (0: out of that group) until {@code until} (null: until undone). Refused with
     * {@link IllegalArgumentException} for an unknown group, a level out of 0..99 or an {@code until} already past.
     */
    public SkillMove move(String workNumber, Map<String, Integer> levels, Instant until, String by, String reason) {
        if (store.agent(workNumber).isEmpty()) {
            throw new ActionRefused(ActionRefused.Why.UNKNOWN, "no agent " + workNumber);
        }
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("give the skill groups to change, e.g. {\"medical\":5,\"pension\":0}");
        }
        levels.forEach((group, level) -> {
            if (!engine.config().hasGroup(group)) {
                throw new IllegalArgumentException("skill group '" + group + "' does not exist");
            }
            if (level == null || level < 0 || level > MAX_LEVEL) {
                throw new IllegalArgumentException("the level for '" + group + "' must be 0 (out of the group) to "
                        + MAX_LEVEL);
            }
        });
        Instant now = engine.clock().instant();
        if (until != null && !until.isAfter(now)) {
            throw new IllegalArgumentException("the move would end before it starts (" + until + ")");
        }
        long id = moves.insert(workNumber, levels, by, reason, now, until);
        sync.sync();
        log.info("Agent {}'s skills moved by {} until {}: {} ({})", workNumber, by, until == null ? "undone" : until,
                levels, reason);
        return moves.find(id).orElseThrow();
    }

    /** Ends a move now: the agent's skills are what they were without it. */
    public SkillMove undo(long id, String by) {
        SkillMove move = moves.find(id).orElseThrow(() -> new ActionRefused(ActionRefused.Why.UNKNOWN,
                "no skill move " + id));
        Instant now = engine.clock().instant();
        if (!move.inForce(now) || !moves.undo(id, by, now)) {
            throw new ActionRefused(ActionRefused.Why.NOT_NOW, "skill move " + id + " is over already");
        }
        sync.sync();
        log.info("Skill move {} of agent {} undone by {}", id, move.workNumber(), by);
        return moves.find(id).orElseThrow();
    }

    /** The moves in force now, oldest first. */
    public List<SkillMove> inForce() {
        return moves.inForce(engine.clock().instant());
    }

    /** Moves made since {@code from}, in force or not, oldest first. */
    public List<SkillMove> since(Instant from) {
        return moves.since(from);
    }
}
