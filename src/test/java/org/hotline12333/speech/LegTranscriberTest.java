package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.testkit.SpokenAudio;
import org.hotline12333.testkit.SpokenAudio.Rendered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leg of real rendered speech through the recognizer port, at the telephone's 8 kHz and resampled to 16 kHz:
 * the utterances land where the speech is in the recording either way.
 */
class LegTranscriberTest {

    @TempDir
    Path dir;

    private final SpeechModelStandIn standIn = new SpeechModelStandIn();
    private final LegTranscriber transcriber = new LegTranscriber(standIn, new RecognizerPool(1));

    @Test
    void utterancesLandWhereTheSpeechIsAt8kHzAndResampledTo16kHz() throws Exception {
        Rendered leg = SpokenAudio.leg().silence(2.5).say("您好请问有什么可以帮您").silence(3).say("我也没办法").silence(1)
                .render(dir.resolve("agent.wav"));
        standIn.says(leg.file(), leg.texts());

        LegTranscriber.Leg at8k = transcriber.transcribe(leg.file(), Speaker.AGENT, 8000, () -> false);
        LegTranscriber.Leg at16k = transcriber.transcribe(leg.file(), Speaker.AGENT, 16000, () -> false);

        assertThat(standIn.sampleRatesHeard()).containsExactly(8000, 16000);
        for (LegTranscriber.Leg transcribed : List.of(at8k, at16k)) {
            assertThat(transcribed.audioSeconds()).isCloseTo(SpokenAudio.seconds(leg.file()), within(0.01));
            assertThat(transcribed.utterances()).extracting(Utterance::text)
                    .containsExactly("您好请问有什么可以帮您", "我也没办法");
            assertThat(transcribed.utterances()).allMatch(u -> u.speaker() == Speaker.AGENT);
            assertSpokenWhereRendered(transcribed.utterances().get(0), leg.spoken().get(0));
            assertSpokenWhereRendered(transcribed.utterances().get(1), leg.spoken().get(1));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(at16k.utterances().get(i).start()).isCloseTo(at8k.utterances().get(i).start(), within(0.03));
            assertThat(at16k.utterances().get(i).end()).isCloseTo(at8k.utterances().get(i).end(), within(0.03));
        }
    }

    @Test
    void aStopBetweenSlicesAbandonsTheLeg() {
        Rendered leg = SpokenAudio.leg().say("您好").silence(2).render(dir.resolve("short.wav"));
        standIn.says(leg.file(), leg.texts());

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> transcriber.transcribe(leg.file(), Speaker.AGENT, 8000, () -> true))
                .isInstanceOf(LegTranscriber.Interrupted.class);
    }

    /**
     * The utterance is where its audio was rendered: espeak-ng leaves a little silence around what it says, and
     * speech is found in 20 ms frames.
     */
    static void assertSpokenWhereRendered(Utterance utterance, SpokenAudio.Spoken spoken) {
        assertThat(utterance.start()).isBetween(spoken.start() - 0.05, spoken.start() + 0.4);
        assertThat(utterance.end()).isBetween(spoken.end() - 0.4, spoken.end() + 0.05);
    }
}
