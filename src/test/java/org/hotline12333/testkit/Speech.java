package org.hotline12333.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Spoken Mandarin as 8 kHz mono 16-bit PCM, made with espeak-ng and sox (installed by the test command). */
public final class Speech {

    private Speech() {
    }

    /** Whether espeak-ng and sox can run here. */
    public static boolean available() {
        return runs("espeak-ng", "--version") && runs("sox", "--version");
    }

    public static short[] pcm(String text) {
        try {
            Path folder = Files.createTempDirectory("standin-speech");
            Path spoken = folder.resolve("spoken.wav");
            Path raw = folder.resolve("speech.raw");
            run("espeak-ng", "-v", "cmn", "-w", spoken.toString(), text);
            run("sox", spoken.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-t", "raw",
                    raw.toString());
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            Files.delete(raw);
            Files.delete(spoken);
            Files.delete(folder);
            return samples;
        } catch (IOException e) {
            throw new IllegalStateException("could not make speech with espeak-ng and sox: " + e.getMessage(), e);
        }
    }

    /** The samples of a 16-bit mono WAV file. */
    public static short[] samples(Path wav) {
        try (javax.sound.sampled.AudioInputStream audio = javax.sound.sampled.AudioSystem.getAudioInputStream(
                wav.toFile())) {
            ByteBuffer bytes = ByteBuffer.wrap(audio.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return samples;
        } catch (IOException | javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IllegalStateException("cannot read " + wav + ": " + e.getMessage(), e);
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean runs(String... command) {
        try {
            run(command);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
