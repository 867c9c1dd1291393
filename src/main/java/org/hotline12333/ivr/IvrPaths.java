package org.hotline12333.ivr;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The IVR path of every call: stored with the call, read for the agent's screen-pop and for reports. */
@Service
public class IvrPaths {

    private final JdbcTemplate jdbc;

    IvrPaths(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<IvrStep> of(String callId) {
        return jdbc.query("select seq, menu, version, node, prompt, input, result, at from ivr_step "
                        + "where call_id = ? order by seq",
                (row, n) -> new IvrStep(row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getTimestamp(8).toInstant()),
                callId);
    }

    /** Stores the steps not stored yet (those after {@code alreadyStored}); returns how many are stored now. */
    int store(String callId, List<IvrStep> steps, int alreadyStored) {
        List<IvrStep> fresh = steps.subList(Math.min(alreadyStored, steps.size()), steps.size());
        if (fresh.isEmpty()) {
            return steps.size();
        }
        jdbc.batchUpdate("insert into ivr_step (call_id, seq, menu, version, node, prompt, input, result, at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                fresh, fresh.size(), (statement, step) -> {
                    statement.setString(1, callId);
                    statement.setInt(2, step.seq());
                    statement.setString(3, step.menu());
                    statement.setString(4, step.version());
                    statement.setString(5, step.node());
                    statement.setString(6, step.prompt());
                    statement.setString(7, truncate(step.input(), 64));
                    statement.setString(8, truncate(step.result(), 128));
                    statement.setTimestamp(9, Timestamp.from(step.at()));
                });
        return steps.size();
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
