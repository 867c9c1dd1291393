package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.EndedBy;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A supervisor's takeover and an agent's transfer of the same call exclude each other, whichever comes first: the
 * agent cannot transfer a call a supervisor is ending, a supervisor cannot take over or end a call while the agent
 * consults a colleague; a caller already waiting for a blind transfer's target can be released.
 */
@HotlineTest
class TakeoverAndTransferTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    final AmiStandIn ami = StandInAsterisk.ami();

    @Test
    void theAgentCannotTransferACallASupervisorIsEnding() {
        String group = FloorAgents.group(port, "release-transfer", "强拆转接");
        String agent = FloorAgents.ready(port, group);
        String colleague = FloorAgents.ready(port, FloorAgents.group(port, "release-transfer-to", "强拆转接目标"));
        Http lead = Supervisors.create(port, "release.transfer");
        // the caller's Dial has not returned yet when the agent asks for the transfer
        RoutedCalls.Caller caller = RoutedCalls.in(service).call(group, "13812344001", a -> a
                .dialing(e -> AgiStandIn.DialOutcome.answeredUntilHungUp()).holdOn("EXEC \"Dial\""));
        caller.session.awaitHeld();
        String agentChannel = caller.agentChannel(true);
        assertThat(lead.post("/api/supervision/calls/" + caller.callId + "/release", "{\"reason\":\"abusive caller\"}")
                .status()).isEqualTo(202);

        Http desk = FloorAgents.desk(port, agent);
        Http.Response blind = desk.post("/api/desk/transfer", "{\"mode\":\"BLIND\",\"agent\":\"" + colleague + "\"}");
        Http.Response attended = desk.post("/api/desk/transfer", "{\"mode\":\"ATTENDED\",\"agent\":\"" + colleague
                + "\"}");

        assertThat(ForcedStateTest.detail(blind, 409)).isEqualTo("a supervisor is taking over or ending this call");
        assertThat(ForcedStateTest.detail(attended, 409)).isEqualTo("a supervisor is taking over or ending this call");
        caller.session.release();
        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.RELEASED);
        caller.session.awaitEnd();
        assertThat(ami.actions("Hangup")).filteredOn(h -> agentChannel.equals(h.get("Channel"))).hasSize(1);
        assertThat(ami.actions("Atxfer")).noneMatch(a -> agentChannel.equals(a.get("Channel")));
        assertThat(caller.session.played()).doesNotContain("hotline/queue-transferring")
                .contains("hotline/call-released");
        assertThat(caller.legs()).singleElement().satisfies(l -> assertThat(l.outcome()).isEqualTo("RELEASED"));
        assertThat(InterceptTest.agentState(lead, colleague)).isEqualTo("READY");
    }

    @Test
    void whileTheAgentConsultsAColleagueTheCallCannotBeTakenOverOrEndedUntilTheTransferIsOver() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "consulting", "13812344002");
        String colleague = FloorAgents.ready(port, talk.group());
        Http lead = InterceptTest.phone(Supervisors.create(port, "consult.lead"), "PJSIP/2007");
        Http desk = FloorAgents.desk(port, talk.agent());
        assertThat(desk.post("/api/desk/transfer", "{\"mode\":\"ATTENDED\",\"agent\":\"" + colleague + "\"}").status())
                .isEqualTo(202);
        int originates = ami.actions("Originate").size();
        String path = "/api/supervision/calls/" + talk.caller().callId;

        Http.Response intercept = lead.post(path + "/intercept", "{\"reason\":\"take it\"}");
        Http.Response release = lead.post(path + "/release", "{\"reason\":\"end it\"}");

        assertThat(ForcedStateTest.detail(intercept, 409)).contains("a transfer of call").contains("is in progress");
        assertThat(ForcedStateTest.detail(release, 409)).contains("a transfer of call").contains("is in progress");
        assertThat(ami.actions("Originate")).hasSize(originates);
        assertThat(ami.actions("Hangup")).noneMatch(h -> talk.agentChannel().equals(h.get("Channel")));
        assertThat(lead.get("/api/supervision/actions?callId=" + talk.caller().callId).json()).extracting(
                a -> a.path("kind").asString() + " " + a.path("outcome").asString())
                .containsExactlyInAnyOrder("INTERCEPT FAILED", "RELEASE FAILED");

        assertThat(desk.post("/api/desk/transfer/cancel", "{}").status()).isEqualTo(202);
        await().atMost(RoutedCalls.WAIT).until(() -> InterceptTest.agentState(lead, colleague).equals("READY"));

        assertThat(lead.post(path + "/release", "{\"reason\":\"end it now\"}").status()).isEqualTo(202);
        assertThat(talk.caller().result().outcome()).isEqualTo(RoutingResult.Outcome.RELEASED);
        assertThat(talk.caller().record().endReason()).isEqualTo("released by supervisor consult.lead: end it now");
    }

    @Test
    void aCallerWaitingForABlindTransfersTargetCanBeReleased() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "transferred", "13812344003");
        String target = FloorAgents.group(port, "transferred-to", "转接无人");
        String away = FloorAgents.ready(port, target); // logged in, on a meal break: the caller waits for them
        FloorAgents.require(FloorAgents.desk(port, away).post("/api/desk/state",
                "{\"action\":\"PAUSE\",\"reason\":\"MEAL\"}"));
        Http lead = Supervisors.create(port, "transfer.release");
        RoutedCalls.Caller caller = talk.caller();

        assertThat(FloorAgents.desk(port, talk.agent()).post("/api/desk/transfer", "{\"mode\":\"BLIND\",\"group\":\""
                + target + "\"}").status()).isEqualTo(202);
        await().atMost(RoutedCalls.WAIT).until(() -> musicAfterTransferring(caller.session.transcript()));

        assertThat(lead.post("/api/supervision/calls/" + caller.callId + "/release", "{\"reason\":\"line closed\"}")
                .status()).isEqualTo(202);

        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.RELEASED);
        caller.session.awaitEnd();
        assertThat(caller.session.transcript()).containsSubsequence("S> SET MUSIC OFF",
                "S> STREAM FILE \"hotline/call-released\" \"\"", "S> HANGUP");
        assertThat(caller.record().routing().outcome()).isEqualTo(CallOutcome.ANSWERED); // the first agent talked
        assertThat(caller.record().endedBy()).isEqualTo(EndedBy.SUPERVISOR);
        assertThat(caller.legs()).singleElement().satisfies(l -> assertThat(l.outcome()).isEqualTo("TRANSFERRED"));
    }

    /** The caller heard that they are being transferred, and waits on music for the target. */
    private static boolean musicAfterTransferring(List<String> transcript) {
        int transferring = transcript.indexOf("S> STREAM FILE \"hotline/queue-transferring\" \"\"");
        return transferring >= 0 && transcript.subList(transferring, transcript.size()).stream()
                .anyMatch(line -> line.startsWith("S> SET MUSIC ON"));
    }
}
