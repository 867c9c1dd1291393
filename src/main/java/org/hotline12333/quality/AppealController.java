package org.hotline12333.quality;

import java.util.List;
import org.hotline12333.quality.AppealStore.Appeal;
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

/** Appeals: an agent appeals the score of their own call once; another supervisor than the scorer decides. */
@RestController
@RequestMapping("/api/quality")
class AppealController {

    private final Appeals appeals;
    private final AppealStore store;
    private final QualityUsers users;

    AppealController(Appeals appeals, AppealStore store, QualityUsers users) {
        this.appeals = appeals;
        this.store = store;
        this.users = users;
    }

    /** {@code {"reason": "..."}} */
    record AppealRequest(String reason) {
    }

    @PostMapping("/scores/{scoreId}/appeal")
    @PreAuthorize("hasRole('AGENT')")
    @ResponseStatus(HttpStatus.CREATED)
    Appeal appeal(@PathVariable String scoreId, @RequestBody AppealRequest request, Authentication authentication) {
        QualityUsers.Viewer viewer = users.of(authentication);
        viewer.requireAgent();
        return appeals.open(scoreId, viewer, request.reason());
    }

    /** Appeals, oldest first: open ones unless a state is given ({@code all}: every state). */
    @GetMapping("/appeals")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<Appeal> list(@RequestParam(defaultValue = "OPEN") String state, @RequestParam(required = false) String agent,
                      @RequestParam(defaultValue = "100") int limit) {
        AppealStore.State wanted;
        try {
            wanted = "all".equalsIgnoreCase(state) ? null : AppealStore.State.valueOf(state.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("state: OPEN, SCORE_KEPT, SCORE_REVISED or all");
        }
        return store.list(wanted, QualityUsers.given(agent), ScoringController.limit(limit));
    }

    /** One appeal: supervisors any, an agent only their own (403 otherwise). */
    @GetMapping("/appeals/{id}")
    @PreAuthorize("hasRole('AGENT')")
    Appeal one(@PathVariable long id, Authentication authentication) {
        Appeal appeal = store.find(id).orElseThrow(() -> Problems.notFound("no appeal " + id));
        return users.allowed(authentication, appeal.agent(), appeal, "appeal " + id + " is not one of yours");
    }

    /**
     * {@code {"outcome": "KEEP", "note": "..."}} or {@code {"outcome": "REVISE", "note": "...", "score": {...}}}
     * with the new score as {@code POST /api/quality/calls/{callId}/score} takes it.
     */
    @PostMapping("/appeals/{id}/decision")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Appeal decide(@PathVariable long id, @RequestBody Appeals.Decision decision, Authentication authentication) {
        return appeals.decide(id, decision, authentication.getName());
    }
}
