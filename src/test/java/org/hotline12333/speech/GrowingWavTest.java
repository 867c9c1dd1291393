package org.hotline12333.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.hotline12333.testkit.Wav;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a recording leg while MixMonitor is still writing it: the header's sizes say nothing yet, the audio is
 * whatever has been written, reading starts where the agent answered, and a file that is not 16-bit mono PCM says so.
 */
class GrowingWavTest {

    @TempDir
    Path dir;

    @Test
    void audioIsReadAsTheFileGrowsWhateverTheHeaderSays() throws Exception {
        Path file = dir.resolve("growing-other.wav");
        assertThat(GrowingWav.open(file)).isEmpty(); // MixMonitor has not created it yet
        Files.write(file, java.util.Arrays.copyOf(Wav.pcm(new byte[0]), 20)); // half a header
        assertThat(GrowingWav.open(file)).isEmpty();
        Files.write(file, Wav.pcm(new byte[0])); // the header as Asterisk writes it at the start: no audio yet

        try (GrowingWav wav = GrowingWav.open(file).orElseThrow()) {
            byte[] buffer = new byte[8000];
            assertThat(wav.sampleRate()).isEqualTo(8000);
            assertThat(wav.read(buffer)).isZero();

            append(file, samples(1, 800)); // 100 ms
            assertThat(wav.read(buffer)).isEqualTo(1600);
            assertThat(ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getShort(0)).isEqualTo((short) 1);
            assertThat(wav.read(buffer)).isZero();

            append(file, samples(2, 4000));
            Files.write(file, new byte[] {1}, StandardOpenOption.APPEND); // half a sample: not read until whole
            assertThat(wav.behind()).isGreaterThan(0.49);
            assertThat(wav.read(buffer)).isEqualTo(8000);
            assertThat(wav.seconds()).isEqualTo(0.6);
            assertThat(wav.read(buffer)).isZero();
        }
    }

    @Test
    void readingStartsWhereTheAgentAnsweredAndCountsSecondsFromTheStartOfTheRecording() throws Exception {
        Path file = dir.resolve("answered-other.wav");
        Files.write(file, Wav.pcm(samples(7, 16000))); // two seconds of IVR before the agent answered
        long answeredAt = GrowingWav.audioBytesNow(file);
        append(file, samples(9, 800));

        try (GrowingWav wav = GrowingWav.open(file).orElseThrow()) {
            wav.skipTo(answeredAt);
            assertThat(wav.seconds()).isEqualTo(2.0);
            byte[] buffer = new byte[16000];
            assertThat(wav.read(buffer)).isEqualTo(1600);
            assertThat(ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getShort(0)).isEqualTo((short) 9);
        }
        assertThat(GrowingWav.audioBytesNow(dir.resolve("not-yet.wav"))).isZero();
    }

    @Test
    void aFileThatIsNotMonoSixteenBitPcmSaysWhatItIs() throws Exception {
        Path stereo = dir.resolve("stereo.wav");
        byte[] header = Wav.pcm(new byte[0]);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 2);
        Files.write(stereo, header);
        Path text = Files.writeString(dir.resolve("text.wav"), "this is not a recording at all");

        assertThatThrownBy(() -> GrowingWav.open(stereo)).hasMessageContaining("2-channel 16-bit")
                .hasMessageContaining("16-bit mono PCM");
        assertThatThrownBy(() -> GrowingWav.open(text)).hasMessageContaining("not a WAV file");
    }

    private static byte[] samples(int value, int count) {
        ByteBuffer bytes = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            bytes.putShort((short) value);
        }
        return bytes.array();
    }

    private static void append(Path file, byte[] audio) throws Exception {
        Files.write(file, audio, StandardOpenOption.APPEND);
    }
}
