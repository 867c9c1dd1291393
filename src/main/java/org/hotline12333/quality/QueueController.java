package org.hotline12333.quality;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The supervisors' work queue, and the daily sample that feeds it. */
@RestController
@RequestMapping("/api/quality")
@PreAuthorize("hasRole('SUPERVISOR')")
class QueueController {

    private static final SecureRandom SEEDS = new SecureRandom();

    private final WorkQueue queue;
    private final Sampler sampler;

    QueueController(WorkQueue queue, Sampler sampler) {
        this.queue = queue;
        this.sampler = sampler;
    }

    /** Calls waiting to be scored: complaints, findings, 不满意, then the sample; oldest call first. */
    @GetMapping("/queue")
    List<WorkQueue.Entry> open(@RequestParam(required = false) String agent,
                               @RequestParam(defaultValue = "100") int limit) {
        return queue.open(QualityUsers.given(agent), ScoringController.limit(limit));
    }

    @GetMapping("/sampling/{day}")
    Sampler.Run run(@PathVariable String day) {
        LocalDate date = day(day);
        return sampler.run(date).orElseThrow(() -> Problems.notFound("the sample of " + date + " has not been drawn"));
    }

    /**
     * Draws a day's sample now (201), with the given seed to repeat a draw exactly, or a random one. A day is drawn
     * once: asking again returns the earlier draw (200).
     */
    @PostMapping("/sampling/{day}")
    ResponseEntity<Sampler.Run> draw(@PathVariable String day, @RequestParam(required = false) Long seed,
                                     Authentication authentication) {
        Sampler.Run run = sampler.draw(day(day), seed != null ? seed : SEEDS.nextLong(), authentication.getName());
        return ResponseEntity.status(run.drawnNow() ? HttpStatus.CREATED : HttpStatus.OK).body(run);
    }

    private static LocalDate day(String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("not a day: '" + day + "' (yyyy-MM-dd)");
        }
    }
}
