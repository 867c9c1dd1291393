package org.hotline12333.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.hotline12333.quality.ScoreSheet.Outcome;

/**
 * A call's score as the API shows it: one revision, with the scorecard version it was made against, each item's
 * rating and points, the vetoes, what speech analytics proposed and what the supervisor decided, and where the
 * recording and transcript are.
 *
 * @param revision    1 for the first score of the call; re-scoring and appeal decisions add revisions
 * @param current     whether this is the call's score now (the newest revision)
 * @param connectedAt when the agent answered the call (the assessment month counts from it)
 * @param points      the items' points added up
 * @param total       the call's score: 0 when a veto applies, else the points
 * @param live        scored while the call was still going on
 * @param appealId    the appeal whose decision made this revision, if any
 * @param sidecar     whether {@code <call id>.score.json} has been written beside the recording
 */
record Score(String id, String callId, int revision, boolean current, String agent, Instant connectedAt,
             CardRef scorecard, List<ItemView> items, List<VetoView> vetoes, BigDecimal points, BigDecimal total,
             boolean vetoed, boolean live, String scorer, Instant scoredAt, String comment, Long appealId,
             boolean sidecar, Links links) {

    record CardRef(String id, int version) {
    }

    /**
     * @param prefilled      whether speech analytics proposed a rating
     * @param proposedRating that rating
     * @param decision       what the supervisor did with it: CONFIRMED or OVERRULED
     */
    record ItemView(String code, String name, BigDecimal weight, int scale, int rating, BigDecimal points,
                    boolean prefilled, Integer proposedRating, String evidence, Outcome decision) {
    }

    record VetoView(String code, String name, boolean applied, boolean prefilled, Boolean proposedApplied,
                    String evidence, Outcome decision, String note) {
    }

    /**
     * Where a supervisor (or the agent) finds what was scored.
     *
     * @param recording  the recording's details ({@code GET}); null when the call has no recording
     * @param audio      its audio, to play
     * @param transcript the transcript with speech analytics' findings (supervisors)
     */
    record Links(String recordingId, String recording, String audio, String transcript) {

        static Links of(String callId, String recordingId) {
            return new Links(recordingId, recordingId == null ? null : "/api/recordings/" + recordingId,
                    recordingId == null ? null : "/api/recordings/" + recordingId + "/audio",
                    "/api/speech/calls/" + callId);
        }
    }
}
