package org.hotline12333.quality;

import java.time.Instant;
import java.util.List;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.knowledge.Knowledge;
import org.hotline12333.knowledge.KnowledgeUse;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scoring calls (supervisors), and scores as their agents see them: an agent reads the scores of their own calls
 * and nobody else's.
 */
@RestController
@RequestMapping("/api/quality")
class ScoringController {

    static final int MAX_LIMIT = 1000;
    /** Scores quote the transcript (speech evidence): reads are logged as transcript reads are. */
    private static final Logger audit = LoggerFactory.getLogger("org.hotline12333.audit");

    private final Scoring scoring;
    private final ScoreStore scores;
    private final AppealStore appeals;
    private final WorkQueue queue;
    private final Recordings recordings;
    private final QualityUsers users;
    private final Knowledge knowledge;

    ScoringController(Scoring scoring, ScoreStore scores, AppealStore appeals, WorkQueue queue,
                      Recordings recordings, QualityUsers users, Knowledge knowledge) {
        this.scoring = scoring;
        this.scores = scores;
        this.appeals = appeals;
        this.queue = queue;
        this.recordings = recordings;
        this.users = users;
        this.knowledge = knowledge;
    }

    /**
     * Everything a supervisor scores a call with: the call, the scorecard a score would use, speech analytics'
     * proposals, the score and its revisions, the appeal, the queue entry, links to recording and transcript, and
     * the knowledge base on the call: the articles the agent opened and whether the agreed answer for the call's
     * class was among them (accuracy is judged against it).
     */
    record Sheet(String callId, String agent, Instant connectedAt, Instant talkEndedAt, String skillGroup,
                 boolean inProgress, Satisfaction satisfaction, Scorecard scorecard, List<Proposal> proposals,
                 Score current, List<Score> revisions, AppealStore.Appeal appeal, WorkQueue.Entry queue,
                 String recordingState, Score.Links links, KnowledgeUse knowledge) {
    }

    /** A score with its appeal, if any. */
    record ScoreDetail(Score score, AppealStore.Appeal appeal) {
    }

    @GetMapping("/calls/{callId}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Sheet sheet(@PathVariable String callId, @RequestParam(required = false) String scorecard,
                @RequestParam(required = false) Integer version, Authentication authentication) {
        CallSummary call = scoring.answeredCall(callId);
        audit.info("{} read the scoring sheet of call {}", authentication.getName(), callId);
        Scorecard card = scoring.scorecard(scorecard, version);
        RecordingView recording = recordings.findByCall(callId).orElse(null);
        return new Sheet(callId, call.routing().agent(), call.routing().connectedAt(), call.routing().talkEndedAt(),
                call.routing().skillGroup(), call.open(), call.satisfaction(), card,
                List.copyOf(scoring.proposals(callId, card).values()), scores.current(callId).orElse(null),
                scores.revisions(callId), appeals.ofCall(callId).orElse(null), queue.find(callId).orElse(null),
                recording == null ? null : recording.state().name(),
                Score.Links.of(callId, recording == null ? null : recording.id()),
                knowledge.usedOn(callId, call.routing().disposition()));
    }

    @PostMapping("/calls/{callId}/score")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @ResponseStatus(HttpStatus.CREATED)
    Score score(@PathVariable String callId, @RequestBody ScoreRequest request, Authentication authentication) {
        return scoring.score(callId, request, authentication.getName());
    }

    /** Current scores of calls answered in [from, to), of one agent or all, newest first. */
    @GetMapping("/scores")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<Score> scores(@RequestParam(required = false) String agent,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                       @RequestParam(defaultValue = "100") int limit) {
        return scores.currentBetween(QualityUsers.given(agent), orEarliest(from), orLatest(to),
                limit(limit));
    }

    /** One score: supervisors any, an agent only the scores of their own calls (403 otherwise). */
    @GetMapping("/scores/{id}")
    @PreAuthorize("hasRole('AGENT')")
    ScoreDetail one(@PathVariable String id, Authentication authentication) {
        Score score = scores.find(id).orElseThrow(() -> Problems.notFound("no score " + id));
        audit.info("{} read score {} of call {}", authentication.getName(), id, score.callId());
        return users.allowed(authentication, score.agent(), new ScoreDetail(score,
                appeals.ofCall(score.callId()).orElse(null)), "score " + id + " is not the score of one of your calls");
    }

    /** The signed-in agent's own current scores, newest call first. */
    @GetMapping("/my/scores")
    @PreAuthorize("hasRole('AGENT')")
    List<ScoreDetail> mine(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                           @RequestParam(defaultValue = "100") int limit, Authentication authentication) {
        String agent = users.of(authentication).requireAgent();
        audit.info("{} read their own scores", authentication.getName());
        return scores.currentBetween(agent, orEarliest(from), orLatest(to), limit(limit)).stream()
                .map(score -> new ScoreDetail(score, appeals.ofCall(score.callId()).orElse(null))).toList();
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static Instant orEarliest(Instant from) {
        return from == null ? Instant.EPOCH : from;
    }

    private static Instant orLatest(Instant to) {
        return to == null ? Instant.parse("9999-12-31T00:00:00Z") : to;
    }
}
