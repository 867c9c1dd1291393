package org.hotline12333.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@HotlineTest
class AlertsTest {

    @Autowired
    Alerts alerts;

    @LocalServerPort
    int port;

    @Test
    void supervisorsSeeOpenAlertsUntilOneOfThemAcknowledgesIt() {
        long id = alerts.raise(AlertKind.RECORDING, "call-42", "recording of call-42 is empty").orElseThrow().id();
        Http admin = Http.on(port).as("admin", "test-admin-password");

        assertThat(ids(admin.get("/api/alerts"))).contains(id);
        Http.Response acknowledged = admin.post("/api/alerts/" + id + "/acknowledge", "");
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.json().path("acknowledgedBy").asString()).isEqualTo("admin");
        assertThat(ids(admin.get("/api/alerts"))).doesNotContain(id);
        assertThat(ids(admin.get("/api/alerts?all=true"))).contains(id);
        assertThat(admin.post("/api/alerts/999999/acknowledge", "").status()).isEqualTo(404);
    }

    private static java.util.List<Long> ids(Http.Response response) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (JsonNode alert : response.json()) {
            ids.add(alert.path("id").asLong());
        }
        return ids;
    }
}
