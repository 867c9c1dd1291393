package org.hotline12333.recording;

import static org.awaitility.Awaitility.await;

import java.util.List;
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
        return await().alias(task + " run " + id + " ended")
                .until(() -> supervisor.get("/api/recordings/maintenance/runs/" + id).json(),
                        report -> List.of("DONE", "FAILED").contains(report.path("run").path("status").asString()));
    }
}
