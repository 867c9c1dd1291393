package org.hotline12333.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.routing.AgentState;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.PauseReason;
import org.hotline12333.routing.SkillMove;
import org.hotline12333.routing.SkillMoves;
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
 * What supervisors do to the floor: take a call over (接管), end it (强拆), force an agent's state, move an agent
 * between skill groups for a while; and the audit list of every action. Supervisors and administrators only.
 */
@RestController
@RequestMapping({"/api/supervision", "/supervision/data"})
@PreAuthorize("hasRole('SUPERVISOR')")
class SupervisorActionsController {

    private static final int MAX_LIMIT = 1000;
    /** The reason columns of the audit list, forced states and skill moves. */
    private static final int MAX_REASON = 255;

    private final Intercepts intercepts;
    private final AgentActions agentActions;
    private final SupervisorActions actions;
    private final MonitorLog sessions;
    private final CallRecords records;
    private final SkillMoves skillMoves;
    private final Floor floor;

    SupervisorActionsController(Intercepts intercepts, AgentActions agentActions, SupervisorActions actions,
                                MonitorLog sessions, CallRecords records, SkillMoves skillMoves, Floor floor) {
        this.intercepts = intercepts;
        this.agentActions = agentActions;
        this.actions = actions;
        this.sessions = sessions;
        this.records = records;
        this.skillMoves = skillMoves;
        this.floor = floor;
    }

    record Why(String reason) {
    }

    /** @param pauseReason with PAUSED: BREAK, MEAL, TRAINING, MEETING or AFTER_CALL_WORK */
    record StateRequest(AgentState state, PauseReason pauseReason, String reason) {
    }

    /** @param until END_OF_DAY (the default: midnight where the floor counts days) or UNDONE */
    record MoveRequest(Map<String, Integer> skills, String until, String reason) {
    }

    record AgentAction(ActionView action, AgentView agent) {
    }

    record MoveAction(ActionView action, SkillMove move) {
    }

    @PostMapping("/calls/{callId}/intercept")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActionView intercept(@PathVariable String callId, @RequestBody Why why, Authentication user) {
        openCall(callId);
        return intercepts.intercept(user.getName(), callId, reason(why), null, MonitoringController.isAdmin(user));
    }

    /** Takes over the call of one of the supervisor's own monitoring sessions (an administrator: anyone's). */
    @PostMapping("/monitor/{id}/intercept")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActionView interceptMonitored(@PathVariable long id, @RequestBody Why why, Authentication user) {
        String callId = sessions.find(id).orElseThrow(() -> new Monitoring.NoSuchSession(id)).view().callId();
        openCall(callId);
        return intercepts.intercept(user.getName(), callId, reason(why), id, MonitoringController.isAdmin(user));
    }

    @PostMapping("/calls/{callId}/release")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActionView release(@PathVariable String callId, @RequestBody Why why, Authentication user) {
        CallSummary call = openCall(callId);
        return intercepts.release(user.getName(), callId, call.routing().agent(), reason(why));
    }

    @PostMapping("/agents/{workNumber}/state")
    AgentAction state(@PathVariable String workNumber, @RequestBody StateRequest request, Authentication user) {
        return agentActions.force(workNumber, request.state(), request.pauseReason(), user.getName(),
                reason(new Why(request.reason())));
    }

    @PostMapping("/agents/{workNumber}/skills")
    @ResponseStatus(HttpStatus.CREATED)
    MoveAction move(@PathVariable String workNumber, @RequestBody MoveRequest request, Authentication user) {
        return agentActions.move(workNumber, request.skills(), request.until(), user.getName(),
                reason(new Why(request.reason())));
    }

    @PostMapping("/skill-moves/{id}/undo")
    MoveAction undo(@PathVariable long id, @RequestBody(required = false) Why why, Authentication user) {
        return agentActions.undo(id, user.getName(), why == null ? null : why.reason());
    }

    /** The skill moves in force, or (all=true) every move made today, oldest first. */
    @GetMapping("/skill-moves")
    List<SkillMove> skillMoves(@RequestParam(defaultValue = "false") boolean all) {
        return all ? agentActions.movesToday() : skillMoves.inForce();
    }

    /** The audit list, newest first (default: the last 7 days), narrowed by who, which call or agent, what. */
    @GetMapping("/actions")
    List<ActionView> actions(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                             @RequestParam(required = false) String actor,
                             @RequestParam(required = false) String callId,
                             @RequestParam(required = false) String agent,
                             @RequestParam(required = false) ActionView.Kind kind,
                             @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        Instant end = to == null ? floor.now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : from;
        return actions.between(start, end, actor, callId, agent, kind, limit);
    }

    private CallSummary openCall(String callId) {
        CallSummary call = records.find(callId).orElseThrow(() -> new Monitoring.NoSuchCall(callId));
        if (!call.open()) {
            throw new Monitoring.NotNow("call " + callId + " has ended");
        }
        return call;
    }

    private static String reason(Why why) {
        if (why == null || why.reason() == null || why.reason().isBlank()) {
            throw new IllegalArgumentException("give a reason: it goes into the audit list of supervisor actions");
        }
        String reason = why.reason().strip();
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("the reason may be at most " + MAX_REASON + " characters (it has "
                    + reason.length() + ")");
        }
        return reason;
    }
}
