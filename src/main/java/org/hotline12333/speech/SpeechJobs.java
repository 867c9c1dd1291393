package org.hotline12333.speech;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hotline12333.recording.RecordingClosed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The persisted transcription queue: a job per recording in {@code speech_job}. A job is claimed atomically (one
 * instance, one worker), so several instances can share the queue; jobs a stopped or crashed instance held are
 * queued again.
 */
@Repository
class SpeechJobs {

    enum State { QUEUED, RUNNING, DONE, FAILED }

    private final JdbcClient db;

    SpeechJobs(JdbcClient db) {
        this.db = db;
    }

    /** Queues the recording unless it already is (a repeated event changes nothing); returns whether it was new. */
    boolean enqueue(RecordingClosed recording, Instant now) {
        if (find(recording.recordingId()).isPresent()) {
            return false;
        }
        db.sql("""
                INSERT INTO speech_job (recording_id, call_id, node, mixed, caller_side, other_side,
                    recording_started_at, duration_ms, state, attempts, queued_at, not_before)
                VALUES (:id, :call, :node, :mixed, :caller, :other, :started, :duration, 'QUEUED', 0, :now, :now)""")
                .param("id", recording.recordingId())
                .param("call", recording.callId())
                .param("node", recording.node())
                .param("mixed", text(recording.mixed()))
                .param("caller", text(recording.callerSide()))
                .param("other", text(recording.otherSide()))
                .param("started", Timestamp.from(recording.startedAt()))
                .param("duration", recording.duration() == null ? null : recording.duration().toMillis())
                .param("now", Timestamp.from(now))
                .update();
        return true;
    }

    /** Queued jobs whose time has come, oldest first. */
    List<String> due(int limit, Instant now) {
        return db.sql("""
                SELECT recording_id FROM speech_job WHERE state = 'QUEUED' AND not_before <= :now
                ORDER BY queued_at, recording_id LIMIT :limit""")
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query(String.class).list();
    }

    /** Takes the job for this instance if nobody else has; counts the attempt. */
    Optional<Job> claim(String recordingId, String instance, Instant now) {
        int claimed = db.sql("""
                UPDATE speech_job SET state = 'RUNNING', claimed_by = :instance, claimed_at = :now,
                    attempts = attempts + 1
                WHERE recording_id = :id AND state = 'QUEUED'""")
                .param("instance", instance).param("now", Timestamp.from(now)).param("id", recordingId)
                .update();
        return claimed == 1 ? find(recordingId) : Optional.empty();
    }

    void done(String recordingId, Instant now) {
        db.sql("""
                UPDATE speech_job SET state = 'DONE', finished_at = :now, last_error = NULL
                WHERE recording_id = :id""")
                .param("now", Timestamp.from(now)).param("id", recordingId).update();
    }

    /** A failed attempt: queued again after the delay, or failed for good after the last attempt. */
    void failed(String recordingId, String error, int maxAttempts, Instant retryAt, Instant now) {
        db.sql("""
                UPDATE speech_job SET
                    state = CASE WHEN attempts >= :max THEN 'FAILED' ELSE 'QUEUED' END,
                    finished_at = CASE WHEN attempts >= :max THEN CAST(:now AS TIMESTAMP WITH TIME ZONE) END,
                    not_before = :retryAt, claimed_by = NULL, claimed_at = NULL, last_error = :error
                WHERE recording_id = :id""")
                .param("max", maxAttempts).param("now", Timestamp.from(now)).param("retryAt", Timestamp.from(retryAt))
                .param("error", error.length() <= 1000 ? error : error.substring(0, 1000)).param("id", recordingId)
                .update();
    }

    /** The service is stopping before the job finished: it goes back to the queue, the attempt not counted. */
    void release(String recordingId) {
        db.sql("""
                UPDATE speech_job SET state = 'QUEUED', attempts = attempts - 1, claimed_by = NULL, claimed_at = NULL
                WHERE recording_id = :id AND state = 'RUNNING'""")
                .param("id", recordingId).update();
    }

    /**
     * At start: queues again the jobs this instance was working on when it last stopped without finishing them (a
     * crash), and those whose lease ran out. A job interrupted on its last attempt fails.
     */
    int recover(String instance, Instant leaseCutoff, int maxAttempts, Instant now) {
        return requeue("claimed_by = :instance OR claimed_at < :cutoff", instance, leaseCutoff, maxAttempts, now);
    }

    /** While running: queues again the jobs other instances claimed before the cutoff and never finished. */
    int expireLeases(String instance, Instant leaseCutoff, int maxAttempts, Instant now) {
        return requeue("claimed_by <> :instance AND claimed_at < :cutoff", instance, leaseCutoff, maxAttempts, now);
    }

    private int requeue(String which, String instance, Instant leaseCutoff, int maxAttempts, Instant now) {
        return db.sql("""
                UPDATE speech_job SET
                    state = CASE WHEN attempts >= :max THEN 'FAILED' ELSE 'QUEUED' END,
                    finished_at = CASE WHEN attempts >= :max THEN CAST(:now AS TIMESTAMP WITH TIME ZONE) END,
                    last_error = CASE WHEN attempts >= :max
                        THEN 'interrupted on every attempt (the service stopped or crashed while transcribing it)'
                        ELSE last_error END,
                    claimed_by = NULL, claimed_at = NULL, not_before = :now
                WHERE state = 'RUNNING' AND (""" + which + ")")
                .param("max", maxAttempts).param("now", Timestamp.from(now)).param("instance", instance)
                .param("cutoff", Timestamp.from(leaseCutoff))
                .update();
    }

    Optional<Job> find(String recordingId) {
        return db.sql("SELECT * FROM speech_job WHERE recording_id = :id").param("id", recordingId)
                .query(SpeechJobs::job).optional();
    }

    /** How many jobs are in each state. */
    Map<State, Long> counts() {
        Map<State, Long> counts = new TreeMap<>();
        for (State state : State.values()) {
            counts.put(state, 0L);
        }
        db.sql("SELECT state, COUNT(*) AS jobs FROM speech_job GROUP BY state")
                .query((rs, row) -> Map.entry(State.valueOf(rs.getString("state")), rs.getLong("jobs")))
                .list().forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        Long duration = rs.getObject("duration_ms", Long.class);
        return new Job(new RecordingClosed(rs.getString("recording_id"), rs.getString("call_id"), rs.getString("node"),
                path(rs.getString("mixed")), path(rs.getString("caller_side")), path(rs.getString("other_side")),
                rs.getTimestamp("recording_started_at").toInstant(), duration == null ? null : Duration.ofMillis(duration)),
                State.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getString("last_error"));
    }

    private static String text(Path path) {
        return path == null ? null : path.toString();
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    /** A recording to transcribe, as the queue holds it. */
    record Job(RecordingClosed recording, State state, int attempts, String lastError) {

        String recordingId() {
            return recording.recordingId();
        }
    }
}
