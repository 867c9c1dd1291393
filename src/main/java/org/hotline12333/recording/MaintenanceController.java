package org.hotline12333.recording;

import java.util.List;
import java.util.Map;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * Supervisors start maintenance runs now ({@code sweep}, {@code rebuild}, {@code retention}) and read their
 * reports; {@code disk} checks free space at once.
 */
@RestController
@RequestMapping("/api/recordings/maintenance")
@PreAuthorize("hasRole('SUPERVISOR')")
class MaintenanceController {

    private final Maintenance maintenance;
    private final MaintenanceRuns runs;
    private final DiskWatch disk;

    MaintenanceController(Maintenance maintenance, MaintenanceRuns runs, DiskWatch disk) {
        this.maintenance = maintenance;
        this.runs = runs;
        this.disk = disk;
    }

    /** Queues a run; 202 with its record, to be followed at {@code runs/{id}}. */
    @PostMapping("/{task}")
    ResponseEntity<MaintenanceRun.View> start(@PathVariable String task, Authentication authentication) {
        MaintenanceTask which = switch (task) {
            case "sweep" -> MaintenanceTask.SWEEP;
            case "rebuild" -> MaintenanceTask.REBUILD;
            case "retention" -> MaintenanceTask.RETENTION;
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "no task '" + task + "': sweep, rebuild, retention or disk");
        };
        return ResponseEntity.accepted().body(maintenance.request(which, authentication.getName()));
    }

    /** Checks free space now (and alerts when low). */
    @PostMapping("/disk")
    DiskWatch.DiskStatus checkDisk() {
        return disk.check();
    }

    @GetMapping("/runs")
    List<MaintenanceRun.View> recent(@RequestParam(defaultValue = "20") int limit) {
        checkLimit(limit, 1000);
        return runs.recent(limit);
    }

    /** A run's record and what it found. */
    @GetMapping("/runs/{id}")
    Map<String, Object> run(@PathVariable long id, @RequestParam(defaultValue = "1000") int findings) {
        checkLimit(findings, Report.MAX_STORED_FINDINGS);
        MaintenanceRun.View run = runs.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no maintenance run " + id));
        return Map.of("run", run, "findings", runs.findings(id, findings));
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + max);
        }
    }
}
