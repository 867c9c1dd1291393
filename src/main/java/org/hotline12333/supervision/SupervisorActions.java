package org.hotline12333.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The audit list of supervisor actions ({@code supervisor_action}): who did what to which call or agent, when, why,
 * and what came of it. Every entry and every change of its outcome also goes to the floor's stream.
 */
@Repository
class SupervisorActions {

    private static final String COLUMNS = "id, kind, actor, at, call_id, agent, reason, detail, outcome, outcome_at";

    private final JdbcClient db;
    private final Floor floor;
    private final Clock clock;

    SupervisorActions(JdbcClient db, Floor floor, Clock clock) {
        this.db = db;
        this.floor = floor;
        this.clock = clock;
    }

    ActionView record(ActionView.Kind kind, String actor, String callId, String agent, String reason, String detail,
                      ActionView.Outcome outcome) {
        Instant now = clock.instant();
        KeyHolder key = new GeneratedKeyHolder();
        db.sql("INSERT INTO supervisor_action (kind, actor, at, call_id, agent, reason, detail, outcome, outcome_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(kind.name(), actor, Timestamp.from(now), callId, agent, cut(reason, 255), cut(detail, 500),
                        outcome.name(), outcome == ActionView.Outcome.REQUESTED ? null : Timestamp.from(now))
                .update(key, "id");
        return published(key.getKey().longValue());
    }

    /** Sets what came of an action (and says so in {@code detail}, when given). */
    ActionView outcome(long id, ActionView.Outcome outcome, String detail) {
        db.sql("UPDATE supervisor_action SET outcome = ?, outcome_at = ?, detail = COALESCE(?, detail) WHERE id = ?")
                .params(outcome.name(), Timestamp.from(clock.instant()), cut(detail, 500), id).update();
        return published(id);
    }

    Optional<ActionView> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM supervisor_action WHERE id = ?").param(id)
                .query(SupervisorActions::view).optional();
    }

    /** The newest action of this kind on this call, or of this agent, still in one of these outcomes. */
    Optional<ActionView> latest(ActionView.Kind kind, String callId, String agent, List<ActionView.Outcome> outcomes) {
        String column = callId != null ? "call_id" : "agent";
        return db.sql("SELECT " + COLUMNS + " FROM supervisor_action WHERE kind = ? AND " + column + " = ?"
                        + " AND outcome IN (" + String.join(",", outcomes.stream().map(o -> "'" + o.name() + "'").toList())
                        + ") ORDER BY id DESC")
                .params(kind.name(), callId != null ? callId : agent).query(SupervisorActions::view).list()
                .stream().findFirst();
    }

    /** The newest actions, newest first. */
    List<ActionView> latest(int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM supervisor_action ORDER BY at DESC, id DESC FETCH FIRST " + limit
                + " ROWS ONLY").query(SupervisorActions::view).list();
    }

    /** Actions between two times, newest first, narrowed by whatever is given. */
    List<ActionView> between(Instant from, Instant to, String actor, String callId, String agent, ActionView.Kind kind,
                             int limit) {
        StringBuilder where = new StringBuilder("at >= ? AND at <= ?");
        List<Object> params = new ArrayList<>(List.of(Timestamp.from(from), Timestamp.from(to)));
        for (Object[] filter : new Object[][] {{"actor", actor}, {"call_id", callId}, {"agent", agent},
                {"kind", kind == null ? null : kind.name()}}) {
            if (filter[1] != null && !filter[1].toString().isBlank()) {
                where.append(" AND ").append(filter[0]).append(" = ?");
                params.add(filter[1]);
            }
        }
        return db.sql("SELECT " + COLUMNS + " FROM supervisor_action WHERE " + where + " ORDER BY at DESC, id DESC"
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .params(params).query(SupervisorActions::view).list();
    }

    private ActionView published(long id) {
        ActionView view = find(id).orElseThrow();
        floor.submit(model -> model.action(view));
        return view;
    }

    private static ActionView view(ResultSet rs, int row) throws SQLException {
        Timestamp outcomeAt = rs.getTimestamp(10);
        return new ActionView(rs.getLong(1), ActionView.Kind.valueOf(rs.getString(2)), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                ActionView.Outcome.valueOf(rs.getString(9)), outcomeAt == null ? null : outcomeAt.toInstant());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
