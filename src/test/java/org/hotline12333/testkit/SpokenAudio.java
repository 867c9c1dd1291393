package org.hotline12333.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Real speech for tests, as a telephone line carries it: espeak-ng renders the text (Mandarin, voice {@code cmn}, unless
 * a leg names another voice, e.g. {@code ko}), sox turns it into 8 kHz mono 16-bit WAV like Asterisk's recordings
 * (or 16 kHz, for comparing with wideband audio). A {@link Leg} places phrases at known offsets with silence between,
 * like one side of a call.
 */
public final class SpokenAudio {

    /** espeak-ng's default speed, in its words per minute. */
    public static final int NORMAL_SPEED = 175;
    public static final String MANDARIN = "cmn";
    public static final int TELEPHONE_RATE = 8000;

    private SpokenAudio() {
    }

    /** The text spoken at normal speed, as an 8 kHz recording. */
    public static Path say(String text, Path file) {
        return say(text, NORMAL_SPEED, file);
    }

    public static Path say(String text, int speed, Path file) {
        return say(text, speed, MANDARIN, TELEPHONE_RATE, file);
    }

    /** The text spoken by this espeak-ng voice, as a mono 16-bit WAV at this rate. */
    public static Path say(String text, int speed, String voice, int rate, Path file) {
        try {
            Path raw = Files.createTempFile(file.toAbsolutePath().getParent(), "espeak-", ".wav");
            try {
                run("espeak-ng", "-v", voice, "-s", String.valueOf(speed), "-w", raw.toString(), text);
                return convert(raw, rate, file);
            } finally {
                Files.deleteIfExists(raw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any audio as an 8 kHz mono 16-bit WAV. */
    public static Path telephone(Path audio, Path file) {
        return convert(audio, TELEPHONE_RATE, file);
    }

    private static Path convert(Path audio, int rate, Path file) {
        run("sox", audio.toString(), "-r", String.valueOf(rate), "-c", "1", "-b", "16", "-e", "signed-integer",
                file.toString());
        return file;
    }

    public static Path silence(double seconds, Path file) {
        return silence(seconds, TELEPHONE_RATE, file);
    }

    private static Path silence(double seconds, int rate, Path file) {
        run("sox", "-n", "-r", String.valueOf(rate), "-c", "1", "-b", "16", "-e", "signed-integer", file.toString(),
                "trim", "0", String.format("%.3f", seconds));
        return file;
    }

    /** Adds silence at the end of the file so it lasts at least this long. */
    public static Path padTo(Path wav, double minSeconds) {
        double missing = minSeconds - seconds(wav);
        if (missing > 0.0005) {
            try {
                Path padded = Files.createTempFile(wav.toAbsolutePath().getParent(), "padded-", ".wav");
                run("sox", wav.toString(), padded.toString(), "pad", "0", String.format("%.3f", missing));
                Files.move(padded, wav, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return wav;
    }

    /**
     * The file cut right after its last sound (a sample louder than quiet), so that whoever plays it ends with the
     * speech itself, not with the silence espeak-ng and sox leave after it.
     */
    public static Path endingWithTheLastSound(Path wav) {
        short[] samples = Speech.samples(wav);
        int last = samples.length - 1;
        while (last > 0 && Math.abs(samples[last]) < 300) {
            last--;
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((last + 1) * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i <= last; i++) {
            bytes.putShort(samples[i]);
        }
        try {
            return Files.write(wav, Wav.pcm(bytes.array()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The duration of a WAV file, in seconds, as Java reads it. */
    public static double seconds(Path wav) {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(wav.toFile())) {
            return audio.getFrameLength() / (double) audio.getFormat().getFrameRate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(wav + " is not audio", e);
        }
    }

    /** A Mandarin leg at 8 kHz. */
    public static Leg leg() {
        return new Leg(MANDARIN, TELEPHONE_RATE);
    }

    /** A leg spoken by this espeak-ng voice, at this sample rate. */
    public static Leg leg(String voice, int rate) {
        return new Leg(voice, rate);
    }

    /** A phrase in a leg: from where its audio starts to where it ends, in seconds. */
    public record Spoken(String text, double start, double end) {
    }

    /** A rendered leg: the file and where each phrase is in it. */
    public record Rendered(Path file, List<Spoken> spoken) {

        public Spoken spoken(String text) {
            return spoken.stream().filter(s -> s.text().equals(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("nothing said like " + text));
        }

        public List<String> texts() {
            return spoken.stream().map(Spoken::text).toList();
        }
    }

    /** One side of a call: silences and phrases, in order. */
    public static final class Leg {

        private final List<Object> parts = new ArrayList<>();
        private final String voice;
        private final int rate;

        private Leg(String voice, int rate) {
            this.voice = voice;
            this.rate = rate;
        }

        public Leg silence(double seconds) {
            parts.add(seconds);
            return this;
        }

        public Leg say(String text) {
            return say(text, NORMAL_SPEED);
        }

        public Leg say(String text, int speed) {
            parts.add(new Phrase(text, speed));
            return this;
        }

        /** Renders the leg, padded with silence to at least {@code minSeconds} (both legs of a call are as long). */
        public Rendered render(Path file, double minSeconds) {
            try {
                Path work = Files.createTempDirectory(file.toAbsolutePath().getParent(), "leg-");
                List<String> pieces = new ArrayList<>();
                List<Spoken> spoken = new ArrayList<>();
                double at = 0;
                for (int i = 0; i < parts.size(); i++) {
                    Path piece = work.resolve(i + ".wav");
                    if (parts.get(i) instanceof Phrase phrase) {
                        SpokenAudio.say(phrase.text(), phrase.speed(), voice, rate, piece);
                        double length = seconds(piece);
                        spoken.add(new Spoken(phrase.text(), at, at + length));
                        at += length;
                    } else {
                        at += seconds(SpokenAudio.silence((Double) parts.get(i), rate, piece));
                    }
                    pieces.add(piece.toString());
                }
                if (pieces.isEmpty()) {
                    pieces.add(SpokenAudio.silence(0.1, rate, work.resolve("nothing.wav")).toString());
                }
                List<String> command = new ArrayList<>(List.of("sox"));
                command.addAll(pieces);
                command.add(file.toString());
                run(command.toArray(String[]::new));
                padTo(file, minSeconds);
                return new Rendered(file, spoken);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Rendered render(Path file) {
            return render(file, 0);
        }

        private record Phrase(String text, int speed) {
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output
                        + " (are espeak-ng and sox installed? see src/test/setup/debian-packages)");
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run: " + e.getMessage()
                    + " (are espeak-ng and sox installed? see src/test/setup/debian-packages)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
