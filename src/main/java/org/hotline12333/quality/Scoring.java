package org.hotline12333.quality;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.recording.RecordingClosed;
import org.hotline12333.recording.RecordingState;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scoring a call: the scorecard version, speech analytics' proposals, the supervisor's ratings and decisions, the
 * stored revision, the work queue entry marked done, and, once committed, the score told to the recording and
 * written beside it as {@code <call id>.score.json}. A call in progress can be scored (live); its sidecar follows
 * when the recording is closed.
 */
@Service
class Scoring {

    private static final Logger log = LoggerFactory.getLogger(Scoring.class);
    private static final int MAX_COMMENT = 2000;

    private final CallRecords calls;
    private final Scorecards scorecards;
    private final SpeechFacts speech;
    private final ScoreStore scores;
    private final AppealStore appeals;
    private final WorkQueue queue;
    private final Recordings recordings;
    private final ScoreSidecars sidecars;
    private final QualityProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Scoring(CallRecords calls, Scorecards scorecards, SpeechFacts speech, ScoreStore scores, AppealStore appeals,
            WorkQueue queue, Recordings recordings, ScoreSidecars sidecars, QualityProperties properties,
            TransactionTemplate transactions, Clock clock) {
        this.calls = calls;
        this.scorecards = scorecards;
        this.speech = speech;
        this.scores = scores;
        this.appeals = appeals;
        this.queue = queue;
        this.recordings = recordings;
        this.sidecars = sidecars;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The call, answered by an agent; 404 or 409 otherwise. */
    CallSummary answeredCall(String callId) {
        CallSummary call = calls.find(callId).orElseThrow(() -> Problems.notFound("no call " + callId));
        if (call.routing() == null || call.routing().agent() == null || call.routing().connectedAt() == null) {
            throw Problems.conflict("call " + callId + " was not answered by an agent: there is nobody to score");
        }
        return call;
    }

    /** The scorecard a score names, or the configured one, latest version unless a version is named. */
    Scorecard scorecard(String id, Integer version) {
        String card = QualityUsers.given(id) == null ? properties.scorecard() : id.trim();
        Optional<Scorecard> found = version == null ? scorecards.latest(card) : scorecards.version(card, version);
        return found.orElseThrow(() -> Problems.notFound("no scorecard " + card
                + (version == null ? "" : " version " + version)));
    }

    /** What speech analytics proposes for this card's entries on this call. */
    Map<String, Proposal> proposals(String callId, Scorecard card) {
        return Proposal.from(card, speech.ofCall(callId).orElse(null));
    }

    /** A supervisor scores the call, or scores it again; refused while an appeal is open or once one is decided. */
    Score score(String callId, ScoreRequest request, String scorer) {
        Score score = transactions.execute(status -> {
            appeals.ofCall(callId).ifPresent(appeal -> {
                throw Problems.conflict(appeal.state() == AppealStore.State.OPEN
                        ? "the score of call " + callId + " is under appeal (appeal " + appeal.id()
                                + "): it changes only by the appeal's decision"
                        : "the score of call " + callId + " was settled by appeal " + appeal.id());
            });
            return revise(callId, request, scorer, null);
        });
        return afterCommit(score);
    }

    /** Stores a new revision of the call's score; in the caller's transaction (an appeal decision uses it too). */
    Score revise(String callId, ScoreRequest request, String scorer, Long appealId) {
        if (request.comment() != null && request.comment().length() > MAX_COMMENT) {
            throw Problems.badRequest("comment: at most " + MAX_COMMENT + " characters");
        }
        CallSummary call = answeredCall(callId);
        Scorecard card = scorecard(request.scorecard(), request.version());
        ScoreSheet.Result result = ScoreSheet.score(card, proposals(callId, card), request);
        String recordingId = recordings.findByCall(callId).map(RecordingView::id).orElse(null);
        Score score = scores.insert(new ScoreStore.NewScore(callId, call.routing().agent(),
                call.routing().connectedAt(), recordingId, card, result, call.open(), scorer, clock.instant(),
                QualityUsers.given(request.comment()), appealId));
        queue.scored(callId, score.scoredAt());
        log.info("Call {} scored {} by {} (revision {}, scorecard {} v{}{})", callId, score.total(), scorer,
                score.revision(), card.id(), card.version(), score.vetoed() ? ", vetoed" : "");
        return score;
    }

    /**
     * Tells the recording its score and writes the sidecar; a failure is logged, the score is kept. Returns the score
     * as stored now.
     */
    Score afterCommit(Score score) {
        String recordingId = score.links().recordingId();
        if (recordingId == null) {
            return score;
        }
        try {
            RecordingView recording = recordings.recordScore(recordingId, score.total(), score.scorer());
            if (recording.state() != RecordingState.RECORDING) {
                sidecars.write(score, recording);
                scores.sidecarWritten(score.id());
            }
        } catch (RuntimeException e) {
            log.warn("Score {} of call {} is stored, but the recording could not be told or its sidecar written "
                    + "({}); it is tried again when the recording closes and every night", score.id(), score.callId(),
                    e.getMessage());
        }
        return scores.find(score.id()).orElse(score);
    }

    /** A live score's sidecar follows the recording once it is closed. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(RecordingClosed closed) {
        try {
            scores.current(closed.callId()).filter(score -> !score.sidecar()).ifPresent(this::afterCommit);
        } catch (RuntimeException e) {
            log.warn("Could not write the score sidecar of call {}: {}", closed.callId(), e.getMessage());
        }
    }

    /** Writes the sidecars that could not be written (nightly); returns how many are still missing. */
    int writePendingSidecars() {
        int missing = 0;
        for (Score score : scores.sidecarsPending(1000)) {
            if (!afterCommit(score).sidecar()) {
                missing++;
            }
        }
        return missing;
    }
}
