package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompts rendered for development are telephone audio Asterisk can play as they are. */
class PromptRendererTest {

    @Test
    void promptsBecomeEightKilohertzMonoWavWithSpeechInThem(@TempDir Path out) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        int status = PromptRenderer.run(new String[] {"--only", "welcome,num-5", "ivr-scripts", out.toString()},
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(status).as(log.toString(StandardCharsets.UTF_8)).isZero();
        for (String name : new String[] {"welcome", "num-5"}) {
            byte[] wav = Files.readAllBytes(out.resolve(name + ".wav"));
            ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            assertThat(header.getShort(22)).as("channels").isEqualTo((short) 1);
            assertThat(header.getInt(24)).as("sample rate").isEqualTo(8000);
            assertThat(header.getShort(34)).as("bits").isEqualTo((short) 16);
            assertThat(wav.length - 44).as("samples of %s", name).isGreaterThan(8000 * 2 / 5);
        }
        assertThat(Files.size(out.resolve("welcome.wav"))).isGreaterThan(Files.size(out.resolve("num-5.wav")));
    }
}
