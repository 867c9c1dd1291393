package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hotline12333.testkit.SpokenAudio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings as the recognizer gets them: 8 kHz as recorded, or resampled to 16 kHz without damage. */
class TelephoneAudioTest {

    @TempDir
    Path dir;

    @Test
    void telephoneAudioIsReadAsRecorded() throws Exception {
        Path speech = SpokenAudio.say("您好请问有什么可以帮您", dir.resolve("speech.wav"));
        short[] samples = read(speech, 8000);

        assertThat(samples.length / 8000.0).isCloseTo(SpokenAudio.seconds(speech), within(0.001));
        short[] asStored = new short[samples.length];
        ByteBuffer.wrap(Files.readAllBytes(speech), 44, samples.length * 2).order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer().get(asStored);
        assertThat(samples).isEqualTo(asStored);
    }

    @Test
    void resamplingTo16kHzKeepsDurationPitchAndLevelAndAddsNoImages() throws Exception {
        Path tone = dir.resolve("tone.wav");
        new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", tone.toString(), "synth", "2", "sine", "1000",
                "vol", "0.5").start().waitFor();

        short[] at8k = read(tone, 8000);
        short[] at16k = read(tone, 16000);

        assertThat(at16k.length / 16000.0).isCloseTo(at8k.length / 8000.0, within(0.01));
        double tone8k = level(at8k, 1000, 8000);
        double tone16k = level(at16k, 1000, 16000);
        assertThat(tone16k).isCloseTo(tone8k, within(tone8k * 0.05));
        // a 1 kHz tone sampled at 8 kHz has an image at 7 kHz unless the resampler filters it out
        assertThat(level(at16k, 7000, 16000)).isLessThan(tone16k * 0.01);
    }

    @Test
    void whatIsNotARecordingLegIsRefusedSayingWhy() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
        Path stereo = dir.resolve("stereo.wav");
        new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "2", "-b", "16", stereo.toString(), "trim", "0", "1")
                .start().waitFor();

        assertThatThrownBy(() -> TelephoneAudio.open(text, 8000)).isInstanceOf(TelephoneAudio.AudioException.class)
                .hasMessageContaining("notes.wav is not audio this service can read");
        assertThatThrownBy(() -> TelephoneAudio.open(stereo, 8000)).hasMessageContaining("has 2 channels");
        assertThatThrownBy(() -> TelephoneAudio.open(dir.resolve("gone.wav"), 8000))
                .hasMessageContaining("no audio file").hasMessageContaining("gone.wav");
    }

    private static short[] read(Path file, int rate) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (TelephoneAudio audio = TelephoneAudio.open(file, rate)) {
            assertThat(audio.sampleRate()).isEqualTo(rate);
            byte[] buffer = new byte[3000];
            int read;
            while ((read = audio.read(buffer)) > 0) {
                all.write(buffer, 0, read);
            }
        }
        short[] samples = new short[all.size() / 2];
        ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** The amplitude of one frequency in the signal (Goertzel). */
    private static double level(short[] samples, double frequency, double rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return Math.sqrt(previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious)
                / samples.length;
    }
}
