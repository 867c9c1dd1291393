package org.hotline12333.outreach;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent's "send the document list" (一次性告知), from the desk page ({@code /desk/data/outreach}) or an API client,
 * and the text messages of one of the agent's calls with their delivery state.
 */
@RestController
@RequestMapping({"/api/outreach", "/desk/data/outreach"})
class DocumentListController {

    /** @param number only a supervisor sends to another number than the call's caller */
    record DocumentListRequest(@Size(max = 64) String article, @Size(max = 64) String callId,
                               @Size(max = 24) String number) {
    }

    private final DocumentLists lists;
    private final Outbox outbox;
    private final RoleHierarchy roles;
    private final CallMessages callMessages;

    DocumentListController(DocumentLists lists, Outbox outbox, RoleHierarchy roles, CallMessages callMessages) {
        this.lists = lists;
        this.outbox = outbox;
        this.roles = roles;
        this.callMessages = callMessages;
    }

    @PostMapping("/document-list")
    @PreAuthorize("hasRole('AGENT')")
    @ResponseStatus(HttpStatus.CREATED)
    SmsView send(@Valid @RequestBody DocumentListRequest request, Authentication user) {
        long id = lists.send(new DocumentLists.Sender(user.getName(), supervisor(user)), request.article(),
                request.callId(), request.number());
        return outbox.view(id);
    }

    /** Where the list would go now: the caller of the agent's call (masked), and whether this user may change it. */
    @GetMapping("/document-list/recipient")
    @PreAuthorize("hasRole('AGENT')")
    DocumentLists.Recipient recipient(@RequestParam(required = false) String callId, Authentication user) {
        return lists.recipient(new DocumentLists.Sender(user.getName(), supervisor(user)), callId);
    }

    /** The text messages sent about a call (to its caller), for the agent who took it or a supervisor. */
    @GetMapping("/call-messages")
    @PreAuthorize("hasRole('AGENT')")
    List<SmsView> ofCall(@RequestParam String callId, Authentication user) {
        return callMessages.of(callId, user.getName(), supervisor(user));
    }

    private boolean supervisor(Authentication user) {
        return roles.getReachableGrantedAuthorities(user.getAuthorities()).stream()
                .anyMatch(a -> "ROLE_SUPERVISOR".equals(a.getAuthority()));
    }
}
