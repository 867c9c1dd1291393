package org.hotline12333.speech;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads a recording (Asterisk writes 8 kHz 16-bit mono WAV) as 16-bit little-endian mono PCM at the rate the
 * recognizer is given audio at. Audio at another rate is resampled by the JDK's sample-rate converter with
 * band-limited (sinc) interpolation, which keeps the pitch and timing and adds no images above the original band.
 */
final class TelephoneAudio implements AutoCloseable {

    private final AudioInputStream pcm;
    private final int sampleRate;

    private TelephoneAudio(AudioInputStream pcm, int sampleRate) {
        this.pcm = pcm;
        this.sampleRate = sampleRate;
    }

    /**
     * @throws AudioException when the file is missing or is not audio Java can read as PCM, saying which and why
     */
    static TelephoneAudio open(Path file, int sampleRate) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file));
            AudioInputStream source = AudioSystem.getAudioInputStream(in);
            AudioFormat format = source.getFormat();
            if (format.getChannels() != 1) {
                source.close();
                throw new AudioException(file + " has " + format.getChannels() + " channels; a recording leg is mono");
            }
            return new TelephoneAudio(AudioSystem.getAudioInputStream(target(format, sampleRate), source), sampleRate);
        } catch (NoSuchFileException e) {
            throw new AudioException("no audio file " + file);
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            closeQuietly(in);
            throw new AudioException(file + " is not audio this service can read (PCM WAV expected): " + e.getMessage());
        } catch (IOException e) {
            closeQuietly(in);
            throw new AudioException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static AudioFormat target(AudioFormat source, int sampleRate) {
        Map<String, Object> properties = source.getSampleRate() == sampleRate ? Map.of() : Map.of("interpolation", "sinc");
        return new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, sampleRate, 16, 1, 2, sampleRate, false, properties);
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Fills the buffer as far as the audio goes; returns the number of bytes read, -1 at the end. */
    int read(byte[] buffer) {
        try {
            int filled = 0;
            while (filled < buffer.length) {
                int read = pcm.read(buffer, filled, buffer.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
            return filled == 0 ? -1 : filled - filled % 2;
        } catch (IOException e) {
            throw new AudioException("cannot read audio: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(pcm);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing left to do with a stream we are giving up on
            }
        }
    }

    /** A recording leg that cannot be read; the message says which file and why. */
    static final class AudioException extends RuntimeException {

        AudioException(String message) {
            super(message);
        }
    }
}
