package org.hotline12333.speech;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.speech.Transcript.Word;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Transcripts and their findings as stored in the database, per recording and per call. */
@Service
public class Transcripts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Word>> WORDS = new TypeReference<>() { };

    private final JdbcClient db;

    Transcripts(JdbcClient db) {
        this.db = db;
    }

    /** A recording's transcript with what analysis found in it. */
    public record Analysed(Transcript transcript, List<Finding> findings, SpeechMeasures measures, Path sidecar) {
    }

    @Transactional(readOnly = true)
    public Optional<Analysed> ofRecording(String recordingId) {
        return db.sql("SELECT * FROM transcript WHERE recording_id = :id").param("id", recordingId)
                .query(this::analysed).optional();
    }

    /** The transcripts of a call's recordings, oldest first. */
    @Transactional(readOnly = true)
    public List<Analysed> ofCall(String callId) {
        return db.sql("SELECT * FROM transcript WHERE call_id = :call ORDER BY transcribed_at, recording_id")
                .param("call", callId).query(this::analysed).list();
    }

    /** Stores a transcript and its findings, replacing any earlier one of the recording. */
    @Transactional
    void save(Transcript transcript, Path sidecar, SpeechAnalysis.Result analysis) {
        db.sql("DELETE FROM transcript WHERE recording_id = :id").param("id", transcript.recordingId()).update();
        SpeechMeasures m = analysis.measures();
        db.sql("""
                INSERT INTO transcript (recording_id, call_id, model, sample_rate, transcribed_at, sidecar,
                    agent_seconds, caller_seconds, agent_chars_per_minute, agent_share, talk_over_seconds,
                    longest_silence_seconds)
                VALUES (:id, :call, :model, :rate, :at, :sidecar, :agent, :caller, :cpm, :share, :over, :silence)""")
                .param("id", transcript.recordingId()).param("call", transcript.callId())
                .param("model", transcript.model()).param("rate", transcript.sampleRate())
                .param("at", Timestamp.from(transcript.transcribedAt()))
                .param("sidecar", sidecar == null ? null : sidecar.toString())
                .param("agent", m.agentSeconds()).param("caller", m.callerSeconds())
                .param("cpm", m.agentCharsPerMinute()).param("share", m.agentShare())
                .param("over", m.talkOverSeconds()).param("silence", m.longestSilenceSeconds())
                .update();
        int seq = 0;
        for (Utterance utterance : transcript.utterances()) {
            db.sql("""
                    INSERT INTO transcript_utterance (recording_id, seq, speaker, start_ms, end_ms, text, words)
                    VALUES (:id, :seq, :speaker, :start, :end, :text, :words)""")
                    .param("id", transcript.recordingId()).param("seq", seq++)
                    .param("speaker", utterance.speaker().name()).param("start", millis(utterance.start()))
                    .param("end", millis(utterance.end())).param("text", limit(utterance.text(), 4000))
                    .param("words", JSON.writeValueAsString(utterance.words()))
                    .update();
        }
        seq = 0;
        for (Finding finding : analysis.findings()) {
            db.sql("""
                    INSERT INTO speech_finding (recording_id, seq, call_id, kind, speaker, start_ms, end_ms, phrase, detail)
                    VALUES (:id, :seq, :call, :kind, :speaker, :start, :end, :phrase, :detail)""")
                    .param("id", transcript.recordingId()).param("seq", seq++).param("call", transcript.callId())
                    .param("kind", finding.kind().name())
                    .param("speaker", finding.speaker() == null ? null : finding.speaker().name())
                    .param("start", millis(finding.start())).param("end", millis(finding.end()))
                    .param("phrase", finding.phrase()).param("detail", limit(finding.detail(), 1000))
                    .update();
        }
    }

    private Analysed analysed(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("recording_id");
        List<Utterance> utterances = db.sql("""
                SELECT * FROM transcript_utterance WHERE recording_id = :id ORDER BY seq""").param("id", id)
                .query((u, n) -> new Utterance(Speaker.valueOf(u.getString("speaker")), seconds(u.getLong("start_ms")),
                        seconds(u.getLong("end_ms")), u.getString("text"), JSON.readValue(u.getString("words"), WORDS)))
                .list();
        List<Finding> findings = db.sql("SELECT * FROM speech_finding WHERE recording_id = :id ORDER BY seq")
                .param("id", id)
                .query((f, n) -> new Finding(FindingKind.valueOf(f.getString("kind")),
                        f.getString("speaker") == null ? null : Speaker.valueOf(f.getString("speaker")),
                        seconds(f.getLong("start_ms")), seconds(f.getLong("end_ms")), f.getString("phrase"),
                        f.getString("detail")))
                .list();
        Transcript transcript = new Transcript(id, rs.getString("call_id"), rs.getString("model"),
                rs.getInt("sample_rate"), rs.getTimestamp("transcribed_at").toInstant(), utterances);
        SpeechMeasures measures = new SpeechMeasures(rs.getDouble("agent_seconds"), rs.getDouble("caller_seconds"),
                rs.getDouble("agent_chars_per_minute"), rs.getDouble("agent_share"), rs.getDouble("talk_over_seconds"),
                rs.getDouble("longest_silence_seconds"));
        String sidecar = rs.getString("sidecar");
        return new Analysed(transcript, findings, measures, sidecar == null ? null : Path.of(sidecar));
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
