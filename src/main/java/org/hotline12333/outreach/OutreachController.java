package org.hotline12333.outreach;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.hotline12333.privacy.Mask;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The outbox and what came back, for supervisors; the stop list (docs/outreach.md). */
@RestController
@RequestMapping("/api/outreach")
class OutreachController {

    record StopRequest(@NotBlank String number, @Size(max = 200) String note) {
    }

    private final Outbox outbox;
    private final SmsGateway gateway;
    private final SmsInbox inbox;
    private final StopList stopList;
    private final ContactLog contacts;

    OutreachController(Outbox outbox, SmsGateway gateway, SmsInbox inbox, StopList stopList, ContactLog contacts) {
        this.outbox = outbox;
        this.gateway = gateway;
        this.inbox = inbox;
        this.stopList = stopList;
        this.contacts = contacts;
    }

    @GetMapping("/messages")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<SmsView> messages(@RequestParam(required = false) SmsState state,
                           @RequestParam(required = false) String number,
                           @RequestParam(name = "case", required = false) String caseNumber,
                           @RequestParam(required = false) String call,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                           @RequestParam(defaultValue = "100") int limit) {
        return outbox.search(state, number, caseNumber, call, from, to, limit(limit));
    }

    @GetMapping("/messages/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    SmsView message(@PathVariable long id) {
        return outbox.view(id);
    }

    @PostMapping("/messages/{id}/resend")
    @PreAuthorize("hasRole('SUPERVISOR')")
    SmsView resend(@PathVariable long id, Authentication user) {
        return outbox.resend(id, user.getName());
    }

    @GetMapping("/gateway")
    @PreAuthorize("hasRole('SUPERVISOR')")
    SmsGateway.Status gateway() {
        return gateway.status();
    }

    @GetMapping("/replies")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<SmsInbox.Inbound> replies(@RequestParam(defaultValue = "100") int limit) {
        return inbox.recent(limit(limit));
    }

    @GetMapping("/stop-list")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<StopList.Entry> stopList(@RequestParam(defaultValue = "100") int limit) {
        return stopList.entries(limit(limit));
    }

    /** A citizen asked on the phone to get nothing more: any agent puts the number on the list. */
    @PostMapping("/stop-list")
    @PreAuthorize("hasRole('AGENT')")
    @ResponseStatus(HttpStatus.CREATED)
    StopList.Entry stop(@Valid @RequestBody StopRequest request, Authentication user) {
        String number = MobileNumbers.mobile(request.number(), "number");
        stopList.add(number, "STAFF", request.note(), user.getName());
        contacts.add(ContactLog.Channel.SMS, "STOP_LIST", number, null, null, null, user.getName(),
                "put on the stop list" + (request.note() == null ? "" : ": " + request.note()));
        return new StopList.Entry(Mask.phone(number), stopList.since(number).orElseThrow(), "STAFF", request.note(),
                user.getName());
    }

    @DeleteMapping("/stop-list/{number}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resume(@PathVariable String number, Authentication user) {
        String mobile = MobileNumbers.mobile(number, "number");
        if (!stopList.remove(mobile)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, Mask.phone(mobile) + " is not on the stop list");
        }
        contacts.add(ContactLog.Channel.SMS, "STOP_LIST", mobile, null, null, null, user.getName(),
                "taken off the stop list: the citizen asked to be contacted again");
    }

    @GetMapping("/contacts")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<ContactLog.Entry> contacts(@RequestParam(required = false) String number,
                                    @RequestParam(name = "case", required = false) String caseNumber,
                                    @RequestParam(defaultValue = "200") int limit) {
        String recipient = number == null ? null : MobileNumbers.normal(number);
        return contacts.find(recipient, caseNumber, limit(limit));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit: between 1 and 1000, not " + limit);
        }
        return limit;
    }
}
