package org.hotline12333.recording;

import static org.hotline12333.sql.SqlTimes.instant;
import static org.hotline12333.sql.SqlTimes.utc;

import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.telephony.CallInfo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A recording's rows as plain SQL where it happens once per call: its start, the closer's reads of it, and its
 * close. Through Hibernate, the start (on the caller's thread, before MixMonitor starts) cost a persist, a flush and
 * four inserts, and was 6.8 % of the service's CPU samples with a thousand callers arriving; the close read the row
 * and its files twice and let Hibernate work out what had changed (docs/PERFORMANCE.md). Every other change of a
 * recording goes through {@link Recording}.
 */
@Component
class RecordingRows {

    static final String CLOSED = "UPDATE recording SET state = ?, ended_at = ?, duration_ms = ?, agent = ?,"
            + " failure_reason = ?, version = version + 1 WHERE id = ? AND state = 'RECORDING'";
    static final String FILE_CHECKED = "UPDATE recording_file SET size_bytes = ?, sha256 = ?, duration_ms = ?,"
            + " sample_rate = ?, channels = ?, bits_per_sample = ?, problem = ? WHERE recording_id = ? AND leg = ?";

    static final String ROW = "SELECT id, call_id, node, unique_id, channel, caller_number, agent, state,"
            + " failure_reason, started_at, ended_at, duration_ms, legal_hold, complaint_open, score_appeal_open, score"
            + " FROM recording WHERE id = ?";
    static final String FILES = "SELECT leg, path, size_bytes, sha256, duration_ms, sample_rate, channels,"
            + " bits_per_sample, problem FROM recording_file WHERE recording_id = ?";

    private final JdbcClient db;
    private final TransactionTemplate transactions;

    RecordingRows(JdbcClient db, TransactionTemplate transactions) {
        this.db = db;
        this.transactions = transactions;
    }

    /**
     * The new recording's row (state RECORDING) and its files' rows, in a transaction of their own. A second row for
     * the same call breaks the unique call id: a {@link org.springframework.dao.DataIntegrityViolationException}.
     */
    void insert(String recordingId, CallInfo call, Instant at, Map<Leg, String> files) {
        List<Object> fileValues = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        files.forEach((leg, path) -> {
            rows.add("(?, ?, ?)");
            fileValues.addAll(List.of(recordingId, leg.name(), path));
        });
        transactions.executeWithoutResult(status -> {
            db.sql("INSERT INTO recording (id, call_id, node, unique_id, channel, caller_number, state, started_at,"
                            + " legal_hold, complaint_open, score_appeal_open, version)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE, 0)")
                    .params(recordingId, call.callId(), call.node(), call.uniqueId(), call.channel(),
                            call.callerNumber(), RecordingState.RECORDING.name(), utc(at))
                    .update();
            if (!rows.isEmpty()) {
                db.sql("INSERT INTO recording_file (recording_id, leg, path) VALUES " + String.join(", ", rows))
                        .params(fileValues).update();
            }
        });
    }

    /** The recording's row and its files' rows, as they are now. */
    Optional<RecordingView> view(String recordingId) {
        Map<Leg, RecordingView.FileView> files = new EnumMap<>(Leg.class);
        db.sql(FILES).param(recordingId).query((ResultSet rs) -> {
            files.put(Leg.valueOf(rs.getString(1)), new RecordingView.FileView(rs.getString(2),
                    rs.getObject(3, Long.class), rs.getString(4), rs.getObject(5, Long.class),
                    rs.getObject(6, Integer.class), rs.getObject(7, Integer.class), rs.getObject(8, Integer.class),
                    rs.getString(9) == null ? null : FileProblem.valueOf(rs.getString(9))));
        });
        return db.sql(ROW).param(recordingId).query((rs, n) -> new RecordingView(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                RecordingState.valueOf(rs.getString(8)), rs.getString(9), instant(rs, 10), instant(rs, 11),
                rs.getObject(12, Long.class), files, rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15),
                rs.getBigDecimal(16))).optional();
    }

    /**
     * Stores the close of a recording as {@code closed} describes it (its state, end, duration, agent, reason and
     * each file's facts), in the transaction in progress, if the row is still RECORDING; false when something else
     * closed it first (another instance's closer). Flags set meanwhile (a legal hold, say) are left as they are.
     */
    boolean closed(RecordingView closed) {
        int updated = db.sql(CLOSED).params(closed.state().name(), utc(closed.endedAt()), closed.durationMs(),
                closed.agent(), closed.failureReason(), closed.id()).update();
        if (updated == 0) {
            return false;
        }
        closed.files().forEach((leg, file) -> db.sql(FILE_CHECKED).params(file.bytes(), file.sha256(),
                file.durationMs(), file.sampleRate(), file.channels(), file.bitsPerSample(),
                file.problem() == null ? null : file.problem().name(), closed.id(), leg.name()).update());
        return true;
    }
}
