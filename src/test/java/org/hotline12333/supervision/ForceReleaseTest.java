package org.hotline12333.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.hotline12333.call.CallLegView;
import org.hotline12333.call.CallOutcome;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.EndedBy;
import org.hotline12333.routing.RoutingResult;
import org.hotline12333.testkit.AmiStandIn;
import org.hotline12333.testkit.HotlineTest;
import org.hotline12333.testkit.Http;
import org.hotline12333.testkit.StandInAsterisk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Force release (强拆) end to end through the AGI and AMI stand-ins, as a real Asterisk 22.10.1 let it be done: the
 * agent's leg is hung up over AMI, the caller's Dial returns, the caller hears the apology on their own session and
 * is hung up; the call record says who ended it and why. Never an AMI Hangup of the caller: Asterisk would keep the
 * caller's phone until the session closed, and the apology could not be played.
 */
@HotlineTest
class ForceReleaseTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext service;

    final AmiStandIn ami = StandInAsterisk.ami();

    @Test
    void aCallWithAnAgentEndsWithTheApologyAndTheRecordSaysWhoEndedItAndWhy() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "release-talking", "13812348001");
        RoutedCalls.Caller caller = talk.caller();
        Http lead = Supervisors.create(port, "release.lead");

        Http.Response asked = lead.post("/api/supervision/calls/" + caller.callId + "/release",
                "{\"reason\":\"abusive caller\"}");

        assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        RoutingResult result = caller.result();
        assertThat(result.outcome()).isEqualTo(RoutingResult.Outcome.RELEASED);
        assertThat(result.agent()).isEqualTo(talk.agent());
        caller.session.awaitEnd();
        assertThat(ami.actions("Hangup")).anyMatch(h -> talk.agentChannel().equals(h.get("Channel")));
        assertThat(ami.actions("Hangup")).noneMatch(h -> caller.session.channel().equals(h.get("Channel")));
        assertThat(caller.session.transcript()).containsSubsequence("S> GET VARIABLE \"DIALSTATUS\"",
                "A> 200 result=1 (ANSWER)", "S> STREAM FILE \"hotline/call-released\" \"\"", "S> HANGUP");
        CallSummary record = caller.record();
        assertThat(record.endedBy()).isEqualTo(EndedBy.SUPERVISOR);
        assertThat(record.endReason()).isEqualTo("released by supervisor release.lead: abusive caller");
        assertThat(record.routing().outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(record.routing().agent()).isEqualTo(talk.agent());
        assertThat(caller.legs()).singleElement().satisfies(l -> {
            assertThat(l.kind()).isEqualTo(CallLegView.Kind.AGENT);
            assertThat(l.outcome()).isEqualTo("RELEASED");
        });
        JsonNode action = await().atMost(RoutedCalls.WAIT).until(() -> InterceptTest.action(lead, caller.callId,
                "RELEASE"), a -> a.path("outcome").asString("").equals("DONE"));
        assertThat(action.path("actor").asString()).isEqualTo("release.lead");
        assertThat(action.path("agent").asString()).isEqualTo(talk.agent());
        assertThat(action.path("reason").asString()).isEqualTo("abusive caller");
        assertThat(action.path("detail").asString()).isEqualTo("released while talking with agent " + talk.agent());
    }

    @Test
    void whileThePhoneRingsTheAgentIsNotBlamedAndTheCallIsReleasedUnanswered() {
        RoutedCalls calls = RoutedCalls.in(service);
        String group = FloorAgents.group(port, "release-ringing", "强拆振铃");
        String agent = FloorAgents.ready(port, group);
        Http lead = Supervisors.create(port, "release.ringing");
        RoutedCalls.Caller caller = calls.ringing(group, "13812348002");
        String agentChannel = caller.agentChannel(false);

        assertThat(lead.post("/api/supervision/calls/" + caller.callId + "/release", "{\"reason\":\"test call\"}")
                .status()).isEqualTo(202);

        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.RELEASED);
        caller.session.awaitEnd();
        assertThat(ami.actions("Hangup")).anyMatch(h -> agentChannel.equals(h.get("Channel")));
        assertThat(caller.session.transcript()).containsSubsequence("A> 200 result=1 (CHANUNAVAIL)",
                "S> STREAM FILE \"hotline/call-released\" \"\"", "S> HANGUP");
        assertThat(caller.record().routing().outcome()).isEqualTo(CallOutcome.RELEASED);
        assertThat(caller.record().endedBy()).isEqualTo(EndedBy.SUPERVISOR);
        assertThat(caller.legs()).singleElement().satisfies(l -> assertThat(l.outcome())
                .isEqualTo("RELEASED"));
        assertThat(InterceptTest.agentState(lead, agent)).isEqualTo("READY"); // not paused for not answering
    }

    @Test
    void aWaitingCallerIsReleasedAtOnce() {
        RoutedCalls calls = RoutedCalls.in(service);
        String group = FloorAgents.group(port, "release-waiting", "强拆排队");
        String agent = FloorAgents.ready(port, group);
        FloorAgents.require(FloorAgents.desk(port, agent).post("/api/desk/state",
                "{\"action\":\"PAUSE\",\"reason\":\"MEAL\"}"));
        Http lead = Supervisors.create(port, "release.waiting");
        RoutedCalls.Caller caller = calls.talking(group, "13812348003");
        await().atMost(RoutedCalls.WAIT).until(() -> caller.session.transcript().stream()
                .anyMatch(line -> line.startsWith("S> SET MUSIC ON")));

        assertThat(lead.post("/api/supervision/calls/" + caller.callId + "/release", "{\"reason\":\"line closed\"}")
                .status()).isEqualTo(202);

        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.RELEASED);
        caller.session.awaitEnd();
        assertThat(caller.session.commands()).noneMatch(c -> c.startsWith("EXEC \"Dial\""));
        assertThat(caller.session.transcript()).containsSubsequence("S> SET MUSIC OFF",
                "S> STREAM FILE \"hotline/call-released\" \"\"", "S> HANGUP");
        assertThat(caller.record().routing().outcome()).isEqualTo(CallOutcome.RELEASED);
        assertThat(caller.record().endReason()).isEqualTo("released by supervisor release.waiting: line closed");
        await().atMost(RoutedCalls.WAIT).until(() -> InterceptTest.action(lead, caller.callId, "RELEASE")
                .path("detail").asString("").equals("released before an agent answered"));
    }

    @Test
    void aReleaseNeedsAReasonASupervisorAndACallRoutingHolds() {
        RoutedCalls.Conversation talk = RoutedCalls.in(service).conversation(port, "release-refused", "13812348004");
        RoutedCalls.Caller caller = talk.caller();
        Http lead = Supervisors.create(port, "release.strict");
        String path = "/api/supervision/calls/" + caller.callId + "/release";
        int hangups = ami.actions("Hangup").size();

        assertThat(FloorAgents.desk(port, talk.agent()).post(path, "{\"reason\":\"bye\"}").status()).isEqualTo(403);
        assertThat(lead.post(path, "{\"reason\":\"  \"}").status()).isEqualTo(400);
        assertThat(lead.post("/api/supervision/calls/nothing-like-it/release", "{\"reason\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(ami.actions("Hangup")).hasSize(hangups);
        assertThat(lead.get("/api/supervision/actions?callId=" + caller.callId).json()).isEmpty();

        ami.phoneHangsUp(talk.agentChannel());
        assertThat(caller.result().outcome()).isEqualTo(RoutingResult.Outcome.TALKED);
        Http.Response over = lead.post(path, "{\"reason\":\"too late\"}");
        assertThat(over.status()).isEqualTo(409);
        assertThat(InterceptTest.action(lead, caller.callId, "RELEASE").path("outcome").asString("FAILED"))
                .isEqualTo("FAILED");
    }
}
