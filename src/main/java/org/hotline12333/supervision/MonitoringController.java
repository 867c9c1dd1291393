package org.hotline12333.supervision;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hotline12333.telephony.SpyMode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Listen, whisper and barge; the log of monitoring sessions; the supervisor's own phone. Supervisors only. */
@RestController
@RequestMapping({"/api/supervision", "/supervision/data"})
@PreAuthorize("hasRole('SUPERVISOR')")
class MonitoringController {

    private static final int MAX_LIMIT = 1000;

    private final Monitoring monitoring;
    private final MonitorLog log;
    private final SupervisorPhones phones;
    private final Floor floor;
    private final SupervisorActions actions;

    MonitoringController(Monitoring monitoring, MonitorLog log, SupervisorPhones phones, Floor floor,
                         SupervisorActions actions) {
        this.monitoring = monitoring;
        this.log = log;
        this.phones = phones;
        this.floor = floor;
        this.actions = actions;
    }

    record StartRequest(String callId, SpyMode mode) {
    }

    record ModeRequest(SpyMode mode) {
    }

    /** @param endpoint where Asterisk rings the supervisor, e.g. PJSIP/2001; null until set */
    record Phone(String username, String endpoint) {
    }

    @PostMapping("/monitor")
    @ResponseStatus(HttpStatus.CREATED)
    MonitorView start(@RequestBody StartRequest request, Principal user) {
        if (request.callId() == null || request.callId().isBlank() || request.mode() == null) {
            throw new IllegalArgumentException("give callId and mode (LISTEN, WHISPER or BARGE)");
        }
        MonitorView session = monitoring.start(user.getName(), request.callId(), request.mode());
        audit(user.getName(), session, session.mode() + " on " + session.supervisorEndpoint());
        return session;
    }

    @PostMapping("/monitor/{id}/mode")
    MonitorView mode(@PathVariable long id, @RequestBody ModeRequest request, Authentication user) {
        if (request.mode() == null) {
            throw new IllegalArgumentException("give mode: LISTEN, WHISPER or BARGE");
        }
        MonitorView session = monitoring.changeMode(id, request.mode(), user.getName(), isAdmin(user));
        audit(user.getName(), session, "monitoring session " + id + " switched to " + session.mode());
        return session;
    }

    private void audit(String supervisor, MonitorView session, String detail) {
        actions.record(ActionView.Kind.MONITOR, supervisor, session.callId(), session.agent(), null, detail,
                ActionView.Outcome.DONE);
    }

    @PostMapping("/monitor/{id}/stop")
    MonitorView stop(@PathVariable long id, Authentication user) {
        return monitoring.stop(id, user.getName(), isAdmin(user));
    }

    /** Monitoring sessions, newest first (default: the last 7 days), optionally of one supervisor or one call. */
    @GetMapping("/monitor")
    List<MonitorView> sessions(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(required = false) String supervisor,
                               @RequestParam(required = false) String callId,
                               @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        Instant end = to == null ? floor.now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : from;
        return log.between(start, end, supervisor, callId, limit);
    }

    @GetMapping("/phone")
    Phone phone(Principal user) {
        return new Phone(user.getName(), phones.of(user.getName()).orElse(null));
    }

    @PutMapping("/phone")
    Phone setPhone(@RequestBody Phone phone, Principal user) {
        phones.set(user.getName(), phone.endpoint() == null ? null : phone.endpoint().trim(), floor.now());
        return phone(user);
    }

    static boolean isAdmin(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
