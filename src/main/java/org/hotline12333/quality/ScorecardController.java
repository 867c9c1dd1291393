package org.hotline12333.quality;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Scorecards: supervisors read them, administrators change them (each change is a new version). */
@RestController
@RequestMapping("/api/quality/scorecards")
class ScorecardController {

    private final Scorecards scorecards;

    ScorecardController(Scorecards scorecards) {
        this.scorecards = scorecards;
    }

    /** The latest version of every scorecard. */
    @GetMapping
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<Scorecard> all() {
        return scorecards.all();
    }

    /** The latest version, or the one asked for. */
    @GetMapping("/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Scorecard one(@PathVariable String id, @RequestParam(required = false) Integer version) {
        return (version == null ? scorecards.latest(id) : scorecards.version(id, version))
                .orElseThrow(() -> Problems.notFound("no scorecard " + id + (version == null ? "" : " version "
                        + version)));
    }

    /** A new version (201), or the latest one unchanged (200) when it says the same. */
    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Scorecard> put(@PathVariable String id, @RequestBody ScorecardSpec spec,
                                  Authentication authentication) {
        Scorecards.Stored stored = scorecards.put(id, spec, authentication.getName());
        return ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK).body(stored.scorecard());
    }
}
