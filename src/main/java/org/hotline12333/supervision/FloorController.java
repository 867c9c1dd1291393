package org.hotline12333.supervision;

import java.security.Principal;
import java.time.LocalDate;
import org.hotline12333.alert.AlertView;
import org.hotline12333.alert.Alerts;
import org.hotline12333.web.EventSubscriber;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The floor for supervisors: a snapshot, a day's figures, and the stream of changes. Under {@code /api/supervision}
 * for API clients (HTTP Basic) and under {@code /supervision/data} for the floor page (its login session).
 */
@RestController
@RequestMapping({"/api/supervision", "/supervision/data"})
@PreAuthorize("hasRole('SUPERVISOR')")
class FloorController {

    private final Floor floor;
    private final FloorStream stream;
    private final FigureQueries figures;
    private final Alerts alerts;

    FloorController(Floor floor, FloorStream stream, FigureQueries figures, Alerts alerts) {
        this.floor = floor;
        this.stream = stream;
        this.figures = figures;
        this.alerts = alerts;
    }

    @GetMapping("/floor")
    FloorSnapshot floor() {
        return floor.snapshot();
    }

    /** A day's figures, computed now from the call records; today by default. */
    @GetMapping("/figures")
    Figures figures(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        return date == null ? figures.today(floor.now()) : figures.of(date, floor.now());
    }

    /** Server-sent events: {@code snapshot} first, then every change; {@code heartbeat} while quiet. */
    @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Principal user) {
        EventSubscriber subscriber = stream.open(user.getName());
        if (!floor.submit(model -> stream.join(subscriber, model.snapshot(floor.now())))) {
            subscriber.close();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the floor is catching up; try again");
        }
        return subscriber.emitter();
    }

    @PostMapping("/alerts/{id}/acknowledge")
    AlertView acknowledge(@PathVariable long id, Principal user) {
        AlertView alert = alerts.acknowledge(id, user.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert " + id));
        floor.submit(model -> model.alertAcknowledged(id));
        return alert;
    }

    @ExceptionHandler(FloorStream.TooManySubscribers.class)
    ProblemDetail tooMany(FloorStream.TooManySubscribers e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
