package org.hotline12333.alert;

import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/alerts")
@PreAuthorize("hasRole('SUPERVISOR')")
class AlertController {

    private final Alerts alerts;

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    /** Open alerts, newest first; {@code all=true} includes acknowledged ones. */
    @GetMapping
    List<AlertView> list(@RequestParam(defaultValue = "false") boolean all,
                         @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return all ? alerts.recent(limit) : alerts.open(limit);
    }

    @PostMapping("/{id}/acknowledge")
    AlertView acknowledge(@PathVariable long id, Principal supervisor) {
        return alerts.acknowledge(id, supervisor.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert " + id));
    }
}
