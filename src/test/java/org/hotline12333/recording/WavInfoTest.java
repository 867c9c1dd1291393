package org.hotline12333.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading durations from WAV headers as Asterisk and other tools write them. */
class WavInfoTest {

    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    Path folder;

    @Test
    void aCanonicalHeaderGivesFormatAndDuration() throws IOException {
        Path file = wav(8000, 16, 12_000, 12_000, new byte[0]);

        WavInfo wav = WavInfo.read(file);

        assertThat(wav).isEqualTo(new WavInfo(8000, 1, 16, 12_000));
        assertThat(wav.durationMs()).isEqualTo(750);
    }

    @Test
    void aHeaderNeverFinalizedCountsTheAudioThatIsThere() throws IOException {
        assertThat(WavInfo.read(wav(8000, 16, 0, 16_000, new byte[0])).durationMs()).isEqualTo(1000);
        assertThat(WavInfo.read(wav(8000, 16, 99_999, 8_000, new byte[0])).durationMs())
                .as("a header claiming more than the file holds").isEqualTo(500);
    }

    @Test
    void chunksBeforeTheDataAreSkippedAnd16kHzIsUnderstood() throws IOException {
        byte[] list = ByteBuffer.allocate(8 + 5 + 1).order(ByteOrder.LITTLE_ENDIAN)
                .put("LIST".getBytes()).putInt(5).put("abcde".getBytes()).put((byte) 0).array();

        WavInfo wav = WavInfo.read(wav(16_000, 16, 32_000, 32_000, list));

        assertThat(wav.sampleRate()).isEqualTo(16_000);
        assertThat(wav.durationMs()).isEqualTo(1000);
    }

    @Test
    void somethingElseIsNotWav() throws IOException {
        Path text = Files.writeString(folder.resolve("x.wav"), "this is not audio at all, just words");
        Path cut = Files.write(folder.resolve("cut.wav"), "RIFF".getBytes());

        assertThatThrownBy(() -> WavInfo.read(text)).isInstanceOf(WavInfo.NotWavException.class);
        assertThatThrownBy(() -> WavInfo.read(cut)).isInstanceOf(WavInfo.NotWavException.class);
        assertThat(AudioFiles.inspect(text, "x.wav").problem()).isEqualTo(FileProblem.NOT_WAV);
        assertThat(AudioFiles.inspect(folder.resolve("none.wav"), "none.wav").problem()).isEqualTo(FileProblem.MISSING);
    }

    /**
     * The service stopping interrupts the closer's threads: a file being checked then is not unreadable, and must not
     * make its recording FAILED. The check gives up instead; the recording stays RECORDING for the next start.
     */
    @Test
    void aCheckInterruptedByTheServiceStoppingIsNotAnUnreadableFile() throws Exception {
        Path file = wav(8000, 16, 16_000, 16_000, new byte[0]);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread stopping = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                outcome.set(AudioFiles.inspect(file, "f.wav"));
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
        stopping.start();
        stopping.join();

        assertThat(outcome.get()).isInstanceOf(AudioFiles.Interrupted.class);
        assertThat(AudioFiles.inspect(file, "f.wav").problem()).as("the same file, checked again").isNull();
    }

    private Path wav(int rate, int bits, int declared, int actual, byte[] chunkBeforeData) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(44 + chunkBeforeData.length + actual).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("RIFF".getBytes()).putInt(36 + declared).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * bits / 8).putShort((short) (bits / 8)).putShort((short) bits)
                .put(chunkBeforeData)
                .put("data".getBytes()).putInt(declared);
        return Files.write(folder.resolve("f" + FILES.incrementAndGet() + ".wav"), bytes.array());
    }
}
