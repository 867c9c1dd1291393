package org.hotline12333.routing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.hotline12333.call.CallSummary;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The agent desk: everything is about the logged-in user's own agent (linked by username), so an agent sees and
 * changes only their own state and calls. Under {@code /api/desk} for API clients (HTTP Basic) and {@code /desk/data}
 * for the desk page (its login session, with the CSRF token for changes).
 */
@RestController
@RequestMapping({"/api/desk", "/desk/data"})
@PreAuthorize("hasRole('AGENT')")
class AgentDeskController {

    private final AgentDesk desk;
    private final Transfers transfers;
    private final AgentViews views;

    AgentDeskController(AgentDesk desk, Transfers transfers, AgentViews views) {
        this.desk = desk;
        this.transfers = transfers;
        this.views = views;
    }

    record StateChange(@NotNull Action action, PauseReason reason) {
        enum Action { LOGIN, READY, PAUSE, LOGOUT }
    }

    /**
     * @param classification a minor class of the classification tree (GET /api/classifications/search?q=...)
     * @param note           free text about the call, kept as the call's note
     */
    /** @param callId the call wrapped up (optional: else the call in wrap-up, or the last one answered) */
    record WrapUp(@NotBlank String classification, @Size(max = 1000) String note, String callId) {
    }

    record TransferRequest(@NotNull Mode mode, String agent, String post, String group) {
        enum Mode { BLIND, ATTENDED }
    }

    record ThreeWayRequest(String extension, String number) {
    }

    @GetMapping
    AgentView me(Principal user) {
        return views.of(agent(user));
    }

    @PostMapping("/state")
    AgentView change(Principal user, @Valid @RequestBody StateChange change) {
        String agent = agent(user);
        switch (change.action()) {
            case LOGIN -> desk.login(agent, null, null);
            case READY -> desk.ready(agent);
            case PAUSE -> desk.pause(agent, change.reason() == null ? PauseReason.BREAK : change.reason());
            case LOGOUT -> desk.logout(agent);
        }
        return views.of(agent);
    }

    @GetMapping("/call")
    ResponseEntity<AgentDesk.ScreenPop> call(Principal user) {
        return desk.currentCall(agent(user)).map(ResponseEntity::ok).orElse(ResponseEntity.noContent().build());
    }

    @PostMapping("/wrap-up")
    AgentView wrapUp(Principal user, @Valid @RequestBody WrapUp wrapUp) {
        String agent = agent(user);
        desk.wrapUp(agent, wrapUp.callId(), wrapUp.classification(), wrapUp.note());
        return views.of(agent);
    }

    @GetMapping("/calls")
    List<CallSummary> calls(Principal user, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 200) {
            throw new IllegalArgumentException("limit must be between 1 and 200");
        }
        return desk.myCalls(agent(user), limit);
    }

    @GetMapping("/history")
    List<AgentStore.StateChange> history(Principal user, @RequestParam Instant from, @RequestParam Instant to) {
        return desk.history(agent(user), from, to);
    }

    @PostMapping("/transfer")
    ResponseEntity<Void> transfer(Principal user, @Valid @RequestBody TransferRequest request) {
        Transfers.Target target = new Transfers.Target(request.agent(), request.post(), request.group());
        if (request.mode() == TransferRequest.Mode.BLIND) {
            transfers.blind(agent(user), target);
        } else {
            transfers.attended(agent(user), target);
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/transfer/complete")
    ResponseEntity<Void> complete(Principal user) {
        transfers.complete(agent(user));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/transfer/cancel")
    ResponseEntity<Void> cancel(Principal user) {
        transfers.cancel(agent(user));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/three-way")
    ResponseEntity<Void> threeWay(Principal user, @RequestBody ThreeWayRequest request) {
        transfers.threeWay(agent(user), request.extension(), request.number());
        return ResponseEntity.accepted().build();
    }

    private String agent(Principal user) {
        return desk.agentOfUser(user.getName()).map(AgentStore.AgentRow::workNumber)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no agent is linked to user '" + user.getName() + "'"));
    }

    @ExceptionHandler(AgentDesk.NotNow.class)
    ProblemDetail notNow(AgentDesk.NotNow e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(org.hotline12333.telephony.PbxActionException.class)
    ProblemDetail pbx(org.hotline12333.telephony.PbxActionException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
