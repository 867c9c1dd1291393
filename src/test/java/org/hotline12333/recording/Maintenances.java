package org.hotline12333.recording;

import java.time.Duration;
import org.hotline12333.testkit.Http;
import tools.jackson.databind.JsonNode;

/** Maintenance runs started and read as a supervisor does: over the REST API. */
final class Maintenances {

    private final Http supervisor;

    Maintenances(Http supervisor) {
        this.supervisor = supervisor;
    }

    /** Starts a run (sweep, rebuild, retention), waits for it to end and returns its report. */
    JsonNode run(String task) {
        Http.Response started = supervisor.post("/api/recordings/maintenance/" + task, "");
        if (started.status() != 202) {
            throw new AssertionError("starting " + task + ": " + started.status() + " " + started.body());
        }
        long id = started.json().path("id").asLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode report = supervisor.get("/api/recordings/maintenance/runs/" + id).json();
            String status = report.path("run").path("status").asString();
            if (status.equals("DONE") || status.equals("FAILED")) {
                return report;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(task + " run " + id + " did not end");
    }
}
