package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hotline12333.telephony.CallInfo;
import org.hotline12333.testkit.MigratedH2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A recording's start and close as the service writes them, on its own schema (its migrations, H2 as it runs): the
 * close is written once, keeps what was set on the row meanwhile, and finds its row by the primary key however many
 * recordings are in progress.
 */
class RecordingRowsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private static JdbcClient db;
    private static RecordingRows rows;

    @BeforeAll
    static void theSchema() {
        DataSource data = MigratedH2.create("recording-rows");
        db = JdbcClient.create(data);
        rows = new RecordingRows(db, new TransactionTemplate(new DataSourceTransactionManager(data)));
    }

    @Test
    void aRecordingClosesOnceWithItsFilesFactsAndKeepsALegalHoldSetMeanwhile() {
        start("r-1", "call-1");
        db.sql("UPDATE recording SET legal_hold = TRUE WHERE id = 'r-1'").update();
        Map<Leg, RecordingView.FileView> files = new EnumMap<>(Leg.class);
        files.put(Leg.MIXED, new RecordingView.FileView("2026/12/02/central/call-1.wav", 160_044L, "ab".repeat(32),
                10_000L, 8000, 1, 16, null));
        files.put(Leg.CALLER, new RecordingView.FileView("2026/12/02/central/call-1-caller.wav", 0L, null, null, null,
                null, null, FileProblem.EMPTY));

        assertThat(rows.closed(closed("r-1", "call-1", RecordingState.FAILED, "caller side empty", files))).isTrue();
        assertThat(rows.closed(closed("r-1", "call-1", RecordingState.COMPLETE, null, files))).as("closed again")
                .isFalse();

        assertThat(db.sql("SELECT state, failure_reason, agent, duration_ms, legal_hold, version FROM recording"
                + " WHERE id = 'r-1'").query().singleRow()).containsEntry("state", "FAILED")
                .containsEntry("failure_reason", "caller side empty").containsEntry("agent", "6001")
                .containsEntry("duration_ms", 10_000L).containsEntry("legal_hold", true).containsEntry("version", 1L);
        assertThat(db.sql("SELECT leg || ' ' || size_bytes || ' ' || COALESCE(sha256, '-') || ' '"
                + " || COALESCE(CAST(sample_rate AS VARCHAR), '-') || ' ' || COALESCE(problem, '-') FROM recording_file"
                + " WHERE recording_id = 'r-1' ORDER BY leg").query(String.class).list()).containsExactly(
                "CALLER 0 - - EMPTY", "MIXED 160044 " + "ab".repeat(32) + " 8000 -");
    }

    @Test
    void aRecordingIsReadBackAsItsRowAndFilesAre() {
        start("r-2", "call-2");
        assertThat(rows.view("r-2")).hasValueSatisfying(view -> {
            assertThat(view.state()).isEqualTo(RecordingState.RECORDING);
            assertThat(view.callId()).isEqualTo("call-2");
            assertThat(view.startedAt()).isEqualTo(T0);
            assertThat(view.endedAt()).isNull();
            assertThat(view.files()).containsOnlyKeys(Leg.MIXED, Leg.CALLER);
            assertThat(view.files().get(Leg.CALLER)).isEqualTo(new RecordingView.FileView("call-2-caller.wav", null,
                    null, null, null, null, null, null));
        });

        Map<Leg, RecordingView.FileView> files = Map.of(Leg.MIXED, new RecordingView.FileView("call-2.wav", 160_044L,
                "cd".repeat(32), 10_000L, 8000, 1, 16, null), Leg.CALLER, new RecordingView.FileView(
                "call-2-caller.wav", 0L, null, null, null, null, null, FileProblem.EMPTY));
        RecordingView closed = closed("r-2", "call-2", RecordingState.FAILED, "caller side empty", files);
        rows.closed(closed);
        db.sql("UPDATE recording SET score = 87.5, legal_hold = TRUE WHERE id = 'r-2'").update();

        assertThat(rows.view("r-2")).hasValueSatisfying(view -> {
            assertThat(view).usingRecursiveComparison().ignoringFields("uniqueId", "score", "legalHold")
                    .isEqualTo(closed);
            assertThat(view.score()).isEqualByComparingTo("87.5");
            assertThat(view.legalHold()).isTrue();
        });
        assertThat(rows.view("no-such-recording")).isEmpty();
    }

    /** H2 once took an index on a column the WHERE tests for one value over the primary key (CallUpdatesTest). */
    @Test
    void theCloseFindsItsRowsByTheRecordingsIdInATableH2HasAnalyzed() {
        for (int i = 0; i < 200; i++) {
            start("done-" + i, "done-call-" + i);
            rows.closed(closed("done-" + i, "done-call-" + i, RecordingState.COMPLETE, null, Map.of()));
        }
        for (int i = 0; i < 5; i++) {
            start("open-" + i, "open-call-" + i);
        }
        db.sql("ANALYZE").update();

        assertThat(db.sql("EXPLAIN " + RecordingRows.CLOSED).params("COMPLETE", null, 1L, "6001", null, "open-1")
                .query(String.class).single()).containsPattern("/\\* public\\.PRIMARY_KEY_\\w+: id = ");
        assertThat(db.sql("EXPLAIN " + RecordingRows.ROW).param("open-1").query(String.class).single())
                .containsPattern("/\\* public\\.PRIMARY_KEY_\\w+: id = ");
        assertThat(db.sql("EXPLAIN " + RecordingRows.FILES).param("open-1").query(String.class).single())
                .containsPattern("/\\* public\\.\\w+: recording_id = ");
        assertThat(db.sql("EXPLAIN " + RecordingRows.FILE_CHECKED).params(1L, "x", 1L, 8000, 1, 16, null, "open-1",
                "MIXED").query(String.class).single()).containsPattern("/\\* public\\.\\w+: recording_id = ");
    }

    private static void start(String id, String callId) {
        rows.insert(id, new CallInfo(callId, "central", "PJSIP/carrier-1", "1764662400." + id.hashCode(),
                "13800138000", null, "12333", "from-carrier", "zh", "ivr", Map.of(), true), T0,
                Map.of(Leg.MIXED, callId + ".wav", Leg.CALLER, callId + "-caller.wav"));
    }

    private static RecordingView closed(String id, String callId, RecordingState state, String reason,
                                        Map<Leg, RecordingView.FileView> files) {
        return new RecordingView(id, callId, "central", "u", "PJSIP/carrier-1", "13800138000", "6001", state, reason,
                T0, T0.plusSeconds(10), 10_000L, files, false, false, false, null);
    }
}
