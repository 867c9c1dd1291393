package org.hotline12333.recording;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline12333.telephony.CallInfo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new recording's row (state RECORDING) and its files' rows, written in one transaction as two plain SQL
 * statements. The call waits for it before MixMonitor starts; through Hibernate the same rows cost a persist, a
 * flush and four inserts, and starting a recording was 6.8 % of the service's CPU samples with a thousand callers
 * arriving (docs/PERFORMANCE.md). A second row for the same call breaks the unique call id: a
 * {@link org.springframework.dao.DataIntegrityViolationException}.
 */
@Component
class StartedRecordingRows {

    private final JdbcClient db;
    private final TransactionTemplate transactions;

    StartedRecordingRows(JdbcClient db, TransactionTemplate transactions) {
        this.db = db;
        this.transactions = transactions;
    }

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
                            call.callerNumber(), RecordingState.RECORDING.name(),
                            OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .update();
            if (!rows.isEmpty()) {
                db.sql("INSERT INTO recording_file (recording_id, leg, path) VALUES " + String.join(", ", rows))
                        .params(fileValues).update();
            }
        });
    }
}
