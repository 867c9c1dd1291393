package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.AlertRaised;
import org.hotline12333.alert.AlertView;
import org.hotline12333.testkit.AgiStandIn;
import org.hotline12333.testkit.RecordedEvents;
import org.hotline12333.testkit.ScriptedCalls;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.StandInAsterisk;
import org.hotline12333.testkit.StandInMixMonitor.Leg;
import org.hotline12333.testkit.TestAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Live spotting through the whole service with {@link SpeechModelStandIn} in place of the model (so it runs on
 * machines without one): a call answered by an agent, MixMonitor writing as it goes, the agent's side followed from
 * the answer. What the agent says before hanging up is heard to the end; what the caller hears before the answer
 * and what the caller says are never the agent's. {@link LiveSpottingTest} does the same with the real model.
 */
@SpeechTest
class LiveSpottingStandInTest {

    @TempDir
    static Path audio;

    @Autowired
    SpeechModelStandIn standIn;
    @Autowired
    RecordedEvents events;
    @Autowired
    ScriptedCalls scripted;
    @Autowired
    ApplicationContext service;

    @Test
    void theAgentIsHeardFromTheAnswerUntilTheLastWordBeforeHangingUp() {
        LiveCalls calls = new LiveCalls(service, scripted, events, StandInAsterisk.recordingsRoot());
        TestAgent agent = calls.agentFor("live-standin");
        String agentChannel = agent.endpoint() + "-0000006f";
        LiveCalls.Call ringing = calls.ringing("live-standin");
        String callId = ringing.callId();
        AgiStandIn.SimulatedCall call = ringing.session();
        call.says(Leg.OTHER, speech("ivr", "您的电话我不知道能不能接通")).join(); // before the answer: not the agent
        standIn.says(call.recordingFiles().get(Leg.OTHER), List.of("这个我不知道", "你去问别的部门"));

        ringing.answeredOn(agentChannel);
        call.says(Leg.CALLER, speech("caller", "我不知道社保卡怎么补办"));
        CompletableFuture<Long> first = call.says(Leg.OTHER, speech("agent-1", "这个我不知道"));
        AlertView live = liveAlert(callId, "不知道");

        assertThat(call.ended()).isFalse();
        assertThat(first).isDone();
        assertThat(live.agent()).isEqualTo(agent.workNumber());
        assertThat(live.message()).contains(agent.workNumber()).contains(callId);

        call.says(Leg.OTHER, speech("agent-2", "你去问别的部门")).join(); // and hangs up straight after
        ringing.hangUp();
        assertThat(liveAlert(callId, "你去问别的部门").agent()).isEqualTo(agent.workNumber());
        assertThat(events.ofType(AlertRaised.class, raised -> raised.alert().kind() == AlertKind.FORBIDDEN_PHRASE_LIVE
                && callId.equals(raised.alert().callId()))).hasSize(2);
    }

    private AlertView liveAlert(String callId, String phrase) {
        return events.await(AlertRaised.class, raised -> raised.alert().kind() == AlertKind.FORBIDDEN_PHRASE_LIVE
                && callId.equals(raised.alert().callId()) && raised.alert().message().contains(phrase)).alert();
    }

    private static Path speech(String name, String text) {
        return SpokenAudio.endingWithTheLastSound(SpokenAudio.leg().silence(0.3).say(text)
                .render(audio.resolve(name + ".wav")).file());
    }
}
