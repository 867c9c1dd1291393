package org.hotline12333.desk;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hotline12333.call.CallSummary;
import org.hotline12333.knowledge.Knowledge;
import org.hotline12333.knowledge.KnowledgeArticle;
import org.hotline12333.knowledge.KnowledgeHit;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.RoutingStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The desk's own endpoints, beside routing's desk API (state, call, wrap-up, transfers) under the same paths:
 * {@code /api/desk} for API clients, {@code /desk/data} for the page. Everything is about the signed-in user's own
 * agent; a call of another agent is refused with the reason.
 */
@RestController
@RequestMapping({"/api/desk", "/desk/data"})
@PreAuthorize("hasRole('AGENT')")
class DeskController {

    private final CallAccess access;
    private final DeskPush push;
    private final ScreenPops pops;
    private final Knowledge knowledge;
    private final RoutingStatus routing;
    private final DeskProperties properties;

    DeskController(CallAccess access, DeskPush push, ScreenPops pops, Knowledge knowledge, RoutingStatus routing,
                   DeskProperties properties) {
        this.access = access;
        this.push = push;
        this.pops = pops;
        this.knowledge = knowledge;
        this.routing = routing;
        this.properties = properties;
    }

    /**
     * Server-sent events: {@code snapshot} first, then {@code state}, {@code offer} and {@code answer} (the
     * screen-pop), {@code wrap-up}, {@code call-gone}, {@code heartbeat}; {@code resync}: load the desk again.
     */
    @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Authentication user) {
        return push.open(access.viewer(user)).subscriber().emitter();
    }

    /** The desk now, as the stream's snapshot has it. */
    @GetMapping("/snapshot")
    DeskViews.Snapshot snapshot(Authentication user) {
        return push.snapshot(access.viewer(user));
    }

    /** One of my calls with its screen-pop, as it was or is; another agent's call is refused (403, with why). */
    @GetMapping("/calls/{callId}")
    DeskViews.ScreenPop call(@PathVariable String callId, Authentication user) {
        CallAccess.Viewer viewer = access.viewer(user);
        CallSummary call = access.open(viewer, callId);
        return pops.of(call, call.open() ? (call.routing().connectedAt() == null ? DeskViews.Stage.OFFERED
                : DeskViews.Stage.ANSWERED) : DeskViews.Stage.ENDED, viewer);
    }

    /** The caller's earlier calls (date, agent, classification, satisfaction; recordings I may play). */
    @GetMapping("/calls/{callId}/history")
    List<DeskViews.Contact> history(@PathVariable String callId, Authentication user) {
        CallAccess.Viewer viewer = access.viewer(user);
        return pops.history(access.open(viewer, callId), viewer);
    }

    /**
     * Articles for my call before I type anything: for the caller's way through the IVR and the classification I
     * chose ({@code classification}, optional). Without a call, for the classification only.
     */
    @GetMapping("/suggestions")
    List<KnowledgeHit> suggestions(@RequestParam(required = false) String classification, Authentication user) {
        CallAccess.Viewer viewer = access.viewer(user);
        List<String> nodes = currentCall(viewer).map(pops::ivrNodes).orElse(List.of());
        return knowledge.suggest(nodes, classification, properties.suggestions());
    }

    /** An article read on my call (the one I am on, or the last I answered): the opening is stored with the call. */
    @GetMapping("/articles/{code}")
    KnowledgeArticle article(@PathVariable String code, Authentication user) {
        CallAccess.Viewer viewer = access.viewer(user);
        return knowledge.open(code, currentCall(viewer).orElse(null), viewer.username(), viewer.workNumber());
    }

    /** Skill groups and the other agents (ready ones first), for the transfer buttons. */
    @GetMapping("/transfer-targets")
    DeskViews.TransferTargets transferTargets(Authentication user) {
        String me = access.viewer(user).workNumber();
        return new DeskViews.TransferTargets(
                routing.skillGroups().stream().map(g -> new DeskViews.Group(g.code(), g.name())).toList(),
                routing.agents().stream().filter(a -> !a.workNumber().equals(me) && a.state() != AgentState.LOGGED_OUT)
                        .sorted(Comparator.comparing((AgentView a) -> a.state() != AgentState.READY)
                                .thenComparing(AgentView::workNumber))
                        .map(a -> new DeskViews.Colleague(a.workNumber(), a.name(), a.state())).toList());
    }

    /** The call I am on or wrapping up, else the last one I answered. */
    private Optional<String> currentCall(CallAccess.Viewer viewer) {
        return Optional.ofNullable(viewer.agent().callId()).filter(pops::isCall)
                .or(() -> pops.lastAnswered(viewer.workNumber()));
    }

    @ExceptionHandler(DeskStream.TooManyPages.class)
    ProblemDetail tooMany(DeskStream.TooManyPages e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
