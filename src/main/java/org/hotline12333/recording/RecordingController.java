package org.hotline12333.recording;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Finding recordings, their details, the holds that keep them, and who accessed them. */
@RestController
@RequestMapping("/api/recordings")
class RecordingController {

    private static final int MAX_LIMIT = 1000;

    private final Recordings recordings;
    private final Viewers viewers;
    private final AccessLog accessLog;

    RecordingController(Recordings recordings, Viewers viewers, AccessLog accessLog) {
        this.recordings = recordings;
        this.viewers = viewers;
        this.accessLog = accessLog;
    }

    /** Newest first. An agent sees only their own calls' recordings. */
    @GetMapping
    @PreAuthorize("hasRole('AGENT')")
    List<RecordingView> search(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                               @RequestParam(required = false) String agent,
                               @RequestParam(required = false) String caller,
                               @RequestParam(required = false) Double minSeconds,
                               @RequestParam(required = false) Double maxSeconds,
                               @RequestParam(required = false) BigDecimal minScore,
                               @RequestParam(required = false) BigDecimal maxScore,
                               @RequestParam(defaultValue = "100") int limit,
                               Authentication authentication, HttpServletRequest request) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must not be after 'to'");
        }
        RecordingSearch search = new RecordingSearch(from, to, blankToNull(agent), blankToNull(caller),
                millis(minSeconds), millis(maxSeconds), minScore, maxScore);
        Viewers.Viewer viewer = viewers.of(authentication, request);
        if (!viewer.supervisor()) {
            if (viewer.workNumber() == null || (search.agent() != null && !search.agent().equals(viewer.workNumber()))) {
                accessLog.record(viewer.username(), AccessAction.DENIED, null, null, viewer.address(),
                        "search: " + search.describe());
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "agents may search their own calls only");
            }
            search = search.forAgent(viewer.workNumber());
        }
        accessLog.record(viewer.username(), AccessAction.SEARCH, null, null, viewer.address(), search.describe());
        return recordings.search(search, limit);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('AGENT')")
    RecordingView one(@PathVariable String id, Authentication authentication, HttpServletRequest request) {
        Viewers.Viewer viewer = viewers.of(authentication, request);
        RecordingView recording = viewers.check(viewer, existing(id), "details");
        accessLog.record(viewer.username(), AccessAction.VIEW, recording.id(), recording.callId(), viewer.address(),
                null);
        return recording;
    }

    /** Keeps a recording beyond retention (or lets it go): {@code {"on": true, "reason": "court case 42"}}. */
    @PutMapping("/{id}/legal-hold")
    @PreAuthorize("hasRole('SUPERVISOR')")
    RecordingView legalHold(@PathVariable String id, @RequestBody Mark mark, Authentication authentication) {
        return recordings.setLegalHold(existing(id).id(), mark.required(), authentication.getName(), mark.reason());
    }

    /** Ties a recording to an open complaint (or closes it): {@code {"on": true, "reason": "complaint 2025-117"}}. */
    @PutMapping("/{id}/complaint")
    @PreAuthorize("hasRole('SUPERVISOR')")
    RecordingView complaint(@PathVariable String id, @RequestBody Mark mark, Authentication authentication) {
        return recordings.setComplaintOpen(existing(id).id(), mark.required(), authentication.getName(),
                mark.reason());
    }

    /** The access log, newest first, of one recording or one user or everything. */
    @GetMapping("/access-log")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<RecordingAccess.Entry> accessLog(@RequestParam(required = false) String recording,
                                          @RequestParam(required = false) String user,
                                          @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return accessLog.find(recording == null ? null : Viewers.checkId(recording), blankToNull(user), limit);
    }

    private RecordingView existing(String id) {
        try {
            return recordings.find(Viewers.checkId(id)).orElseThrow();
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no recording " + id);
        }
    }

    private static Long millis(Double seconds) {
        return seconds == null ? null : Math.round(seconds * 1000);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** A hold switched on or off, and why. */
    record Mark(Boolean on, String reason) {

        boolean required() {
            if (on == null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'on' (true or false) is required");
            }
            return on;
        }
    }
}
