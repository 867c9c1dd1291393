package org.hotline12333.recording;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of maintenance runs supervisors read: each run's status, summary and findings. A run that found
 * problems raises one alert pointing at its report.
 */
@Component
class MaintenanceRuns {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceRuns.class);

    private final MaintenanceRunRepository runs;
    private final FindingRepository findings;
    private final Alerts alerts;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MaintenanceRuns(MaintenanceRunRepository runs, FindingRepository findings, Alerts alerts,
                    TransactionTemplate transactions, Clock clock) {
        this.clock = clock;
        this.runs = runs;
        this.findings = findings;
        this.alerts = alerts;
        this.transactions = transactions;
    }

    MaintenanceRun.View create(MaintenanceTask task, String requestedBy) {
        return runs.save(new MaintenanceRun(task, requestedBy, now())).view();
    }

    Report start(long runId) {
        MaintenanceRun run = transactions.execute(status -> {
            MaintenanceRun found = runs.findById(runId).orElseThrow();
            found.start(now());
            return found;
        });
        log.info("Recordings {} run {} started", run.task(), runId);
        return new Report(runId, run.task());
    }

    void finish(Report report, RuntimeException failure) {
        String summary = failure == null ? report.summary()
                : "failed: " + failure.getMessage() + "; so far: " + report.summary();
        transactions.executeWithoutResult(status -> {
            findings.saveAll(report.findings());
            runs.findById(report.runId()).orElseThrow().finish(now(), failure != null, summary);
        });
        log.info("Recordings {} run {} {}: {}", report.task(), report.runId(), failure == null ? "done" : "failed",
                summary);
        if (failure != null || report.problems() > 0) {
            alerts.raise(AlertKind.RECORDING, "maintenance-run-" + report.runId(), "Recordings "
                    + report.task().name().toLowerCase() + " run " + report.runId() + ": " + summary
                    + "; details at /api/recordings/maintenance/runs/" + report.runId());
        }
    }

    Optional<MaintenanceRun.View> find(long runId) {
        return runs.findById(runId).map(MaintenanceRun::view);
    }

    List<MaintenanceRun.View> recent(int limit) {
        return runs.findAllByOrderByIdDesc(PageRequest.of(0, limit)).stream().map(MaintenanceRun::view).toList();
    }

    List<Finding.View> findings(long runId, int limit) {
        return findings.findByRunIdOrderById(runId, PageRequest.of(0, limit)).stream().map(Finding::view).toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
