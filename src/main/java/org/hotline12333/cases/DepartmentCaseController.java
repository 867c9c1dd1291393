package org.hotline12333.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A department's side of cases (承办单位): its inbox, sign for, return with a reason, reply in writing, ask for more
 * time. The API takes HTTP Basic ({@code /api/cases/department}); the department page reads the same with its login
 * session ({@code /department/data}). Only cases that are with the user's department exist here.
 */
@RestController
@RequestMapping({"/api/cases/department", "/department/data"})
@PreAuthorize("hasRole('DEPARTMENT')")
class DepartmentCaseController {

    private final DepartmentDesk desk;
    private final CaseViews views;
    private final CaseAccessLog accessLog;
    private final Actors actors;

    DepartmentCaseController(DepartmentDesk desk, CaseViews views, CaseAccessLog accessLog, Actors actors) {
        this.desk = desk;
        this.views = views;
        this.accessLog = accessLog;
        this.actors = actors;
    }

    /** @param cases the cases to do (handed off, signed for) or, with {@code done=true}, those done */
    record Inbox(String username, CaseView.DepartmentRef department, List<CaseView.Line> cases) {
    }

    record Reason(@NotBlank @Size(max = 1000) String reason) {
    }

    record Reply(@NotBlank @Size(max = 4000) String text, CaseResult result) {
    }

    record Note(@NotBlank @Size(max = 4000) String text) {
    }

    record ExtensionRequest(@NotNull @Min(1) @Max(60) Integer workingDays, @NotBlank @Size(max = 1000) String reason) {
    }

    @GetMapping("/inbox")
    Inbox inbox(Authentication user, @RequestParam(defaultValue = "false") boolean done,
                @RequestParam(defaultValue = "100") int limit) {
        Actor actor = actors.department(user);
        List<CaseRecord> cases = desk.inbox(actor, !done, CaseController.limit(limit));
        accessLog.searched(user.getName(), "inbox of " + actor.department() + (done ? " (done)" : ""));
        return new Inbox(user.getName(), views.department(actor.department()), views.linesForDepartment(cases));
    }

    @GetMapping("/{number}")
    CaseView one(Authentication user, @PathVariable String number) {
        return shown(user, desk.find(actors.department(user), number));
    }

    @PostMapping("/{number}/sign-for")
    CaseView signFor(Authentication user, @PathVariable String number) {
        return shown(user, desk.signFor(actors.department(user), number));
    }

    @PostMapping("/{number}/return")
    CaseView giveBack(Authentication user, @PathVariable String number, @Valid @RequestBody Reason reason) {
        return shown(user, desk.giveBack(actors.department(user), number, reason.reason()));
    }

    @PostMapping("/{number}/reply")
    CaseView reply(Authentication user, @PathVariable String number, @Valid @RequestBody Reply reply) {
        return shown(user, desk.reply(actors.department(user), number, reply.text(), reply.result()));
    }

    @PostMapping("/{number}/notes")
    CaseView note(Authentication user, @PathVariable String number, @Valid @RequestBody Note note) {
        return shown(user, desk.note(actors.department(user), number, note.text()));
    }

    @PostMapping("/{number}/extension-request")
    CaseView requestExtension(Authentication user, @PathVariable String number,
                              @Valid @RequestBody ExtensionRequest request) {
        return shown(user, desk.requestExtension(actors.department(user), number, request.workingDays(),
                request.reason()));
    }

    /** The case as the department sees it; a read of personal data, logged. */
    private CaseView shown(Authentication user, CaseRecord c) {
        return views.forDepartment(c, user.getName());
    }
}
