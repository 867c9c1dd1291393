package org.hotline12333.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Telephone audio for tests: 8 kHz mono 16-bit PCM WAV, as Asterisk records it. */
public final class Wav {

    public static final int RATE = 8000;

    private Wav() {
    }

    public static byte[] silence(double seconds) {
        return pcm(new byte[(int) (seconds * RATE) * 2]);
    }

    /** Wraps little-endian 16-bit mono samples in a WAV header. */
    public static byte[] pcm(byte[] samples) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + samples.length).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(samples.length);
        ByteArrayOutputStream wav = new ByteArrayOutputStream();
        wav.writeBytes(header.array());
        wav.writeBytes(samples);
        return wav.toByteArray();
    }

    /** Mandarin speech rendered by espeak-ng (voice cmn) and converted by sox to telephone audio. */
    public static Path speak(String text, Path target) {
        try {
            Path raw = Files.createTempFile("espeak", ".wav");
            run(List.of("espeak-ng", "-v", "cmn", "-w", raw.toString(), text));
            run(List.of("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", target.toString()));
            Files.deleteIfExists(raw);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
