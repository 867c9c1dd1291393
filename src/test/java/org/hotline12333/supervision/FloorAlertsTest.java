package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.RecordedEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The floor's two alerts, checked as if time had passed: a caller waiting longer than {@code long-wait} (60 s), an
 * agent on one call longer than {@code long-call} (20 min); each raised once per call, without the caller's number.
 */
@HotlineTest
class FloorAlertsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;
    @Autowired
    RecordedEvents events;
    @Autowired
    FloorAlerts alerts;
    @Autowired
    Floor floor;

    @Test
    void aLongWaitAndThenALongCallAreEachRaisedOnce() {
        String group = FloorAgents.group(port, "alerts", "告警测试");
        String agent = FloorAgents.agent(port, group);
        Http desk = FloorAgents.desk(port, agent);
        FloorAgents.require(desk.post("/api/desk/state", "{\"action\":\"LOGIN\"}"));
        FloorAgents.require(desk.post("/api/desk/state", "{\"action\":\"PAUSE\",\"reason\":\"BREAK\"}"));
        FloorCalls.Caller caller = FloorCalls.in(service).call(group, "13812340004");
        FloorCalls.await(() -> stage(caller.callId) == FloorCall.Stage.QUEUED, "the caller waiting on the floor");

        assertThat(alerts.check(floor.now().plus(Duration.ofSeconds(59)))).isZero();
        assertThat(alerts.check(floor.now().plus(Duration.ofSeconds(61)))).isEqualTo(1);
        assertThat(alerts.check(floor.now().plus(Duration.ofSeconds(90)))).isZero();
        AlertRaised wait = events.await(AlertRaised.class, e -> e.alert().subject().equals(caller.callId));
        assertThat(wait.alert().kind()).isEqualTo(AlertKind.LONG_WAIT);
        assertThat(wait.alert().message()).contains(group).doesNotContain("13812340004").doesNotContain("0004");

        FloorAgents.require(desk.post("/api/desk/state", "{\"action\":\"READY\"}"));
        caller.agentAnswers(FloorAgents.endpoint(agent) + "-0000004d");
        FloorCalls.await(() -> stage(caller.callId) == FloorCall.Stage.TALKING, "the call talking on the floor");

        assertThat(alerts.check(floor.now().plus(Duration.ofMinutes(19)))).isZero();
        assertThat(alerts.check(floor.now().plus(Duration.ofMinutes(21)))).isEqualTo(1);
        assertThat(alerts.check(floor.now().plus(Duration.ofMinutes(30)))).isZero();
        AlertRaised longCall = events.await(AlertRaised.class, e -> e.alert().subject().equals(agent));
        assertThat(longCall.alert().kind()).isEqualTo(AlertKind.LONG_CALL);
        assertThat(longCall.alert().message()).contains(caller.callId);
        caller.hangUpAgent();
    }

    private FloorCall.Stage stage(String callId) {
        return floor.read(model -> {
            for (FloorCall call : model.calls()) {
                if (call.callId().equals(callId)) {
                    return call.stage();
                }
            }
            return null;
        });
    }
}
