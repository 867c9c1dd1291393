package org.hotline12333.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hotline12333.speech.Finding;
import org.hotline12333.speech.FindingKind;
import org.hotline12333.speech.FindingsReady;
import org.hotline12333.speech.VetoProposed;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What speech analytics found in a call that a score can be prefilled from: the agent's speech rate, the greeting
 * and the closing ({@link FindingsReady}), and a proposed veto for a forbidden phrase ({@link VetoProposed}).
 * Stored in the publisher's transaction, so they are kept exactly when speech's own results are; a repeated event
 * replaces what the first one stored.
 */
@Component
class SpeechFacts {

    private final JdbcClient db;
    private final Clock clock;

    SpeechFacts(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param agentHeard  whether the agent spoke at all (otherwise nothing about their speech can be judged)
     * @param speechRate  OK, SPEECH_TOO_FAST or SPEECH_TOO_SLOW; null when the agent was not heard
     * @param greeting    whether the agent greeted the caller; null when the agent was not heard
     * @param closing     whether the agent closed the call properly; null when the agent was not heard
     * @param vetoEvidence the forbidden phrases found and where, when speech analytics proposed a veto
     */
    record Facts(String recordingId, String callId, boolean agentHeard, String speechRate, String speechRateDetail,
                 Boolean greeting, String greetingDetail, Boolean closing, String closingDetail, boolean vetoProposed,
                 String vetoEvidence) {
    }

    @EventListener
    void on(FindingsReady ready) {
        if (ready.recordingId() == null || ready.callId() == null) {
            return;
        }
        boolean heard = ready.measures().agentSeconds() > 0;
        Finding rate = first(ready, FindingKind.SPEECH_TOO_FAST).or(() -> first(ready, FindingKind.SPEECH_TOO_SLOW))
                .orElse(null);
        String rateDetail = rate != null ? rate.detail()
                : heard ? "the agent spoke " + Math.round(ready.measures().agentCharsPerMinute())
                        + " characters per minute, within the comfortable range" : null;
        Optional<Finding> greeting = first(ready, FindingKind.GREETING);
        Optional<Finding> closing = first(ready, FindingKind.CLOSING);
        ensureRow(ready.recordingId(), ready.callId());
        db.sql("""
                UPDATE quality_speech_facts SET agent_heard = :heard, chars_per_minute = :cpm, speech_rate = :rate,
                    speech_rate_detail = :rateDetail, greeting = :greeting, greeting_detail = :greetingDetail,
                    closing = :closing, closing_detail = :closingDetail, received_at = :at
                WHERE recording_id = :id""")
                .param("heard", heard).param("cpm", ready.measures().agentCharsPerMinute())
                .param("rate", !heard ? null : rate == null ? "OK" : rate.kind().name())
                .param("rateDetail", limit(rateDetail))
                .param("greeting", heard ? greeting.isPresent() : null)
                .param("greetingDetail", limit(detail(ready, greeting, FindingKind.GREETING_MISSING)))
                .param("closing", heard ? closing.isPresent() : null)
                .param("closingDetail", limit(detail(ready, closing, FindingKind.CLOSING_MISSING)))
                .param("at", Timestamp.from(clock.instant())).param("id", ready.recordingId())
                .update();
    }

    @EventListener
    void on(VetoProposed proposed) {
        if (proposed.recordingId() == null || proposed.callId() == null) {
            return;
        }
        ensureRow(proposed.recordingId(), proposed.callId());
        db.sql("""
                UPDATE quality_speech_facts SET veto_proposed = TRUE, veto_evidence = :evidence, received_at = :at
                WHERE recording_id = :id""")
                .param("evidence", limit(evidence(proposed))).param("at", Timestamp.from(clock.instant()))
                .param("id", proposed.recordingId()).update();
    }

    /** What speech analytics found in the call's recording, if it has been transcribed. */
    Optional<Facts> ofCall(String callId) {
        return db.sql("SELECT * FROM quality_speech_facts WHERE call_id = ? ORDER BY received_at DESC")
                .param(callId).query(SpeechFacts::facts).list().stream().findFirst();
    }

    /** The forbidden phrases and where they were said, for a supervisor to check: 「不知道」 at 0:12 (...). */
    static String evidence(VetoProposed proposed) {
        String found = proposed.evidence().stream()
                .map(f -> "「" + f.phrase() + "」 at " + Offsets.clock(f.start()) + " (" + f.detail() + ")")
                .collect(Collectors.joining("; "));
        return proposed.reason() + (found.isEmpty() ? "" : ": " + found);
    }

    private void ensureRow(String recordingId, String callId) {
        db.sql("""
                INSERT INTO quality_speech_facts (recording_id, call_id, agent_heard, received_at)
                VALUES (?, ?, FALSE, ?) ON CONFLICT DO NOTHING""")
                .params(recordingId, callId, Timestamp.from(clock.instant())).update();
    }

    private static Optional<Finding> first(FindingsReady ready, FindingKind kind) {
        return ready.ofKind(kind).stream().findFirst();
    }

    private static String detail(FindingsReady ready, Optional<Finding> found, FindingKind missing) {
        return found.map(f -> "「" + f.phrase() + "」 at " + Offsets.clock(f.start()))
                .or(() -> first(ready, missing).map(Finding::detail)).orElse(null);
    }

    private static String limit(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    private static Facts facts(ResultSet rs, int row) throws SQLException {
        return new Facts(rs.getString("recording_id"), rs.getString("call_id"), rs.getBoolean("agent_heard"),
                rs.getString("speech_rate"), rs.getString("speech_rate_detail"), bool(rs, "greeting"),
                rs.getString("greeting_detail"), bool(rs, "closing"), rs.getString("closing_detail"),
                rs.getBoolean("veto_proposed"), rs.getString("veto_evidence"));
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    /** Offsets in a recording as a person reads them. */
    static final class Offsets {
        private Offsets() {
        }

        static String clock(double seconds) {
            long s = Math.round(Math.floor(seconds));
            return s / 60 + ":" + String.format("%02d", s % 60);
        }
    }
}
