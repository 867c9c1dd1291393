package org.hotline12333.quality;

import java.time.Clock;
import java.time.Instant;
import org.hotline12333.quality.AppealStore.Appeal;
import org.hotline12333.quality.AppealStore.State;
import org.hotline12333.recording.Recordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appeals (申诉): an agent may appeal the score of one of their calls once; a supervisor other than the one who
 * scored it decides, keeping the score or scoring the call again. While the appeal is open the recording is on
 * appeal hold (kept beyond retention). Appeals and every score revision are kept.
 */
@Service
class Appeals {

    private static final Logger log = LoggerFactory.getLogger(Appeals.class);
    private static final int MAX_TEXT = 2000;

    private final AppealStore appeals;
    private final ScoreStore scores;
    private final Scoring scoring;
    private final Recordings recordings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Appeals(AppealStore appeals, ScoreStore scores, Scoring scoring, Recordings recordings,
            TransactionTemplate transactions, Clock clock) {
        this.appeals = appeals;
        this.scores = scores;
        this.scoring = scoring;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** How a supervisor decides: keep the score, or score the call again ({@code score} required then). */
    record Decision(Outcome outcome, String note, ScoreRequest score) {

        enum Outcome {
            KEEP, REVISE
        }
    }

    /** The agent appeals the score; refused for another agent's score and for a call appealed before. */
    Appeal open(String scoreId, QualityUsers.Viewer agent, String reason) {
        String why = text(reason, "reason");
        Appeal appeal = transactions.execute(status -> {
            Score score = scores.find(scoreId).orElseThrow(() -> Problems.notFound("no score " + scoreId));
            if (agent.workNumber() == null || !agent.workNumber().equals(score.agent())) {
                throw Problems.forbidden("score " + scoreId + " is not the score of one of your calls");
            }
            appeals.ofCall(score.callId()).ifPresent(earlier -> {
                throw Problems.conflict("the score of call " + score.callId() + " was appealed already ("
                        + "appeal " + earlier.id() + ", " + earlier.openedAt() + "): a score may be appealed once");
            });
            if (!score.current()) {
                throw Problems.conflict("score " + scoreId + " has been replaced by a later revision");
            }
            Instant now = clock.instant();
            long id = appeals.insert(score.callId(), scoreId, score.agent(), agent.username(), why, now);
            hold(score, true, agent.username());
            return appeals.find(id).orElseThrow();
        });
        log.info("Appeal {} against score {} of call {} opened by {}", appeal.id(), scoreId, appeal.callId(),
                agent.username());
        return appeal;
    }

    /** A supervisor who did not score the call decides the appeal. */
    Appeal decide(long id, Decision decision, String by) {
        if (decision == null || decision.outcome() == null) {
            throw Problems.badRequest("outcome: KEEP (the score stands) or REVISE (with the new score)");
        }
        String note = text(decision.note(), "note");
        if (decision.outcome() == Decision.Outcome.REVISE && decision.score() == null) {
            throw Problems.badRequest("score: revising needs the new score");
        }
        Score[] revised = new Score[1];
        Appeal decided = transactions.execute(status -> {
            Appeal appeal = appeals.find(id).orElseThrow(() -> Problems.notFound("no appeal " + id));
            if (appeal.state() != State.OPEN) {
                throw Problems.conflict("appeal " + id + " was decided already by " + appeal.decidedBy());
            }
            Score score = scores.find(appeal.scoreId()).orElseThrow();
            if (by.equals(score.scorer())) {
                throw Problems.forbidden("you scored this call: another supervisor decides its appeal");
            }
            if (by.equals(appeal.appellant())) {
                throw Problems.forbidden("you made this appeal: another supervisor decides it");
            }
            String revisedId = null;
            if (decision.outcome() == Decision.Outcome.REVISE) {
                revised[0] = scoring.revise(appeal.callId(), decision.score(), by, id);
                revisedId = revised[0].id();
            }
            State state = revisedId == null ? State.SCORE_KEPT : State.SCORE_REVISED;
            if (!appeals.decide(id, state, by, clock.instant(), note, revisedId)) {
                throw Problems.conflict("appeal " + id + " was decided by someone else meanwhile");
            }
            hold(score, false, by);
            return appeals.find(id).orElseThrow();
        });
        if (revised[0] != null) {
            scoring.afterCommit(revised[0]);
        }
        log.info("Appeal {} of call {} decided by {}: {}", id, decided.callId(), by, decided.state());
        return decided;
    }

    private void hold(Score score, boolean open, String by) {
        if (score.links().recordingId() != null) {
            recordings.setScoreAppealOpen(score.links().recordingId(), open, by);
        }
    }

    private static String text(String text, String field) {
        if (text == null || text.isBlank()) {
            throw Problems.badRequest(field + ": required");
        }
        if (text.length() > MAX_TEXT) {
            throw Problems.badRequest(field + ": at most " + MAX_TEXT + " characters");
        }
        return text.trim();
    }
}
