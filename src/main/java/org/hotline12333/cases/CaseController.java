package org.hotline12333.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
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
 * Cases for the hotline's staff: agents register them from a call and work them (首问负责); supervisors see all of
 * them, the overdue ones, grant extensions and hand them to another department or owner. Every read is logged.
 */
@RestController
@RequestMapping({"/api/cases", "/desk/data/cases"})
class CaseController {

    private final CaseRegistration registration;
    private final CaseDesk desk;
    private final CaseOversight oversight;
    private final CaseViews views;
    private final CaseAccessLog accessLog;
    private final Actors actors;

    CaseController(CaseRegistration registration, CaseDesk desk, CaseOversight oversight, CaseViews views,
                   CaseAccessLog accessLog, Actors actors) {
        this.registration = registration;
        this.desk = desk;
        this.oversight = oversight;
        this.views = views;
        this.accessLog = accessLog;
        this.actors = actors;
    }

    /**
     * A new case. {@code callId}: the call it comes from (default: the agent's present call, else their last one);
     * the caller's number comes from that call. {@code handOffTo}: a department to hand it to at once, with
     * {@code instructions}; or {@code answer} (and {@code result}) to close it on the call (直接办结). A complaint
     * says what it is about ({@code complaintAbout}); a complaint about STAFF names the call ({@code complainedCallId}).
     */
    record NewCaseRequest(String callId, @NotNull CaseKind kind, @NotBlank String classification,
                          @NotBlank @Size(max = 200) String summary, @Size(max = 4000) String details,
                          @Size(max = 100) String callerName, String idNumber, Boolean urgent, Boolean confidential,
                          ComplaintAbout complaintAbout, String complainedCallId, String handOffTo,
                          @Size(max = 2000) String instructions, @Size(max = 4000) String answer, CaseResult result,
                          ReplyNotice replyBy) {

        CaseRegistration.NewCase matter() {
            return new CaseRegistration.NewCase(callId, kind, classification, summary, details, callerName, idNumber,
                    Boolean.TRUE.equals(urgent), Boolean.TRUE.equals(confidential), complaintAbout, complainedCallId,
                    handOffTo, instructions, answer, result, replyBy);
        }
    }

    record Text(@NotBlank @Size(max = 4000) String text) {
    }

    record CallLinkRequest(@NotBlank String callId) {
    }

    record HandOff(@NotBlank String department, @Size(max = 2000) String instructions) {
    }

    record Close(@NotBlank @Size(max = 4000) String answer, CaseResult result) {
    }

    record Reason(@NotBlank @Size(max = 1000) String reason) {
    }

    record Extension(@NotNull @Min(1) @Max(60) Integer workingDays, @NotBlank @Size(max = 1000) String reason) {
    }

    record Reassign(String department, String owner, @NotBlank @Size(max = 1000) String reason) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('AGENT')")
    CaseView register(Authentication user, @Valid @RequestBody NewCaseRequest request) {
        return shown(user, registration.register(actors.staff(user), request.matter()));
    }

    @GetMapping("/mine")
    @PreAuthorize("hasRole('AGENT')")
    List<CaseView.Line> mine(Authentication user, @RequestParam(defaultValue = "50") int limit) {
        List<CaseRecord> mine = desk.mine(actors.staff(user), limit(limit));
        accessLog.searched(user.getName(), "my open cases");
        return views.linesForStaff(mine);
    }

    @GetMapping
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<CaseView.Line> search(Authentication user, @RequestParam(required = false) CaseState state,
                               @RequestParam(required = false) String department,
                               @RequestParam(required = false) String caller,
                               @RequestParam(required = false) String owner,
                               @RequestParam(defaultValue = "50") int limit) {
        accessLog.searched(user.getName(), "state=" + state + " department=" + department + " caller="
                + (caller == null ? null : org.hotline12333.privacy.Mask.phone(caller)) + " owner=" + owner);
        return views.linesForStaff(oversight.search(state, department, caller, owner, limit(limit)));
    }

    @GetMapping("/overdue")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<CaseView.Line> overdue(Authentication user, @RequestParam(defaultValue = "100") int limit) {
        accessLog.searched(user.getName(), "overdue");
        return views.linesForStaff(oversight.overdue(limit(limit)));
    }

    @GetMapping("/access-log")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<CaseAccessLog.Access> accessLog(@RequestParam(name = "case", required = false) String number,
                                         @RequestParam(defaultValue = "100") int limit) {
        return accessLog.find(number, limit(limit));
    }

    @GetMapping("/{number}")
    @PreAuthorize("hasRole('AGENT')")
    CaseView one(Authentication user, @PathVariable String number) {
        return shown(user, desk.find(number));
    }

    @PostMapping("/{number}/notes")
    @PreAuthorize("hasRole('AGENT')")
    CaseView note(Authentication user, @PathVariable String number, @Valid @RequestBody Text note) {
        return shown(user, desk.note(actors.staff(user), number, note.text()));
    }

    @PostMapping("/{number}/calls")
    @PreAuthorize("hasRole('AGENT')")
    CaseView linkCall(Authentication user, @PathVariable String number, @Valid @RequestBody CallLinkRequest link) {
        return shown(user, desk.linkCall(actors.staff(user), number, link.callId()));
    }

    @PostMapping("/{number}/hand-off")
    @PreAuthorize("hasRole('AGENT')")
    CaseView handOff(Authentication user, @PathVariable String number, @Valid @RequestBody HandOff handOff) {
        return shown(user, desk.handOff(actors.staff(user), number, handOff.department(), handOff.instructions()));
    }

    @PostMapping("/{number}/close")
    @PreAuthorize("hasRole('AGENT')")
    CaseView close(Authentication user, @PathVariable String number, @Valid @RequestBody Close close) {
        return shown(user, desk.close(actors.staff(user), number, close.answer(), close.result()));
    }

    @PostMapping("/{number}/reopen")
    @PreAuthorize("hasRole('AGENT')")
    CaseView reopen(Authentication user, @PathVariable String number, @Valid @RequestBody Reason reason) {
        return shown(user, desk.reopen(actors.staff(user), number, reason.reason()));
    }

    @PostMapping("/{number}/extension")
    @PreAuthorize("hasRole('SUPERVISOR')")
    CaseView extend(Authentication user, @PathVariable String number, @Valid @RequestBody Extension extension) {
        return shown(user, oversight.extend(actors.staff(user), number, extension.workingDays(),
                extension.reason()));
    }

    @PostMapping("/{number}/reassign")
    @PreAuthorize("hasRole('SUPERVISOR')")
    CaseView reassign(Authentication user, @PathVariable String number, @Valid @RequestBody Reassign reassign) {
        return shown(user, oversight.reassign(actors.staff(user), number, reassign.department(), reassign.owner(),
                reassign.reason()));
    }

    /** The case as staff see it; a read of personal data, logged. */
    private CaseView shown(Authentication user, CaseRecord c) {
        return views.forStaff(c, user.getName());
    }

    static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        return limit;
    }
}
