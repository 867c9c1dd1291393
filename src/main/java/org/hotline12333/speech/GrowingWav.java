package org.hotline12333.speech;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads a recording leg while MixMonitor is still writing it. The sizes in a WAV header are not final until the file
 * is closed (Asterisk writes them at the end of the call), so they are ignored: the audio is whatever follows the
 * header of the data chunk, as far as the file has grown. Only 16-bit mono PCM, as Asterisk's wav format writes it.
 */
final class GrowingWav implements AutoCloseable {

    private static final int MAX_HEADER = 64 * 1024;
    private static final int BYTES_PER_SAMPLE = 2;

    private final Path file;
    private final FileChannel channel;
    private final int sampleRate;
    private final long dataStart;
    private long position;

    private GrowingWav(Path file, FileChannel channel, int sampleRate, long dataStart) {
        this.file = file;
        this.channel = channel;
        this.sampleRate = sampleRate;
        this.dataStart = dataStart;
        this.position = dataStart;
    }

    /**
     * The file, once it exists and its header is written; empty until then.
     *
     * @throws TelephoneAudio.AudioException when it is not a WAV file of 16-bit mono PCM
     */
    static Optional<GrowingWav> open(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            ByteBuffer header = ByteBuffer.allocate((int) Math.min(MAX_HEADER, channel.size()))
                    .order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // read what is there
            }
            header.flip();
            Optional<GrowingWav> wav = parse(file, channel, header);
            if (wav.isEmpty()) {
                channel.close();
            }
            return wav;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Optional<GrowingWav> parse(Path file, FileChannel channel, ByteBuffer header) {
        if (header.limit() < 12) {
            return Optional.empty();
        }
        if (!tag(header, 0).equals("RIFF") || !tag(header, 8).equals("WAVE")) {
            throw new TelephoneAudio.AudioException(file + " is not a WAV file (no RIFF/WAVE header)");
        }
        int sampleRate = 0;
        int at = 12;
        while (at + 8 <= header.limit()) {
            String id = tag(header, at);
            long size = Integer.toUnsignedLong(header.getInt(at + 4));
            if (id.equals("data")) {
                if (sampleRate == 0) {
                    throw new TelephoneAudio.AudioException(file + " has audio before its format (no fmt chunk)");
                }
                return Optional.of(new GrowingWav(file, channel, sampleRate, at + 8L));
            }
            if (id.equals("fmt ")) {
                if (at + 8 + 16 > header.limit()) {
                    return Optional.empty();
                }
                sampleRate = format(file, header, at + 8);
            }
            at += 8 + (int) Math.min(size + (size & 1), MAX_HEADER);
        }
        return Optional.empty();
    }

    /** The sample rate, when the format is 16-bit mono PCM (plain, or WAVE_FORMAT_EXTENSIBLE with PCM in it). */
    private static int format(Path file, ByteBuffer header, int at) {
        int encoding = Short.toUnsignedInt(header.getShort(at));
        int channels = header.getShort(at + 2);
        int sampleRate = header.getInt(at + 4);
        int bits = header.getShort(at + 14);
        boolean pcm = encoding == 1 || (encoding == 0xFFFE && at + 26 <= header.limit() && header.getShort(at + 24) == 1);
        if (!pcm || channels != 1 || bits != 16 || sampleRate <= 0) {
            throw new TelephoneAudio.AudioException(file + " is " + channels + "-channel " + bits + "-bit audio (format "
                    + encoding + "); a recording leg is 16-bit mono PCM");
        }
        return sampleRate;
    }

    private static String tag(ByteBuffer header, int at) {
        byte[] four = new byte[4];
        header.get(at, four);
        return new String(four, StandardCharsets.US_ASCII);
    }

    int sampleRate() {
        return sampleRate;
    }

    /** Reading starts here, in bytes of audio from its start (a whole sample); audio before it is never read. */
    void skipTo(long audioBytes) {
        position = dataStart + Math.max(0, audioBytes - audioBytes % BYTES_PER_SAMPLE);
    }

    /** Where reading is, in seconds from the start of the audio. */
    double seconds() {
        return (position - dataStart) / (double) (sampleRate * BYTES_PER_SAMPLE);
    }

    /** Seconds of audio written and not read yet. */
    double behind() throws IOException {
        return Math.max(0, channel.size() - position) / (double) (sampleRate * BYTES_PER_SAMPLE);
    }

    /** Fills the buffer with audio written since the last read, as far as there is; returns the bytes read (even). */
    int read(byte[] buffer) throws IOException {
        long written = channel.size() - position;
        int wanted = (int) Math.min(buffer.length, Math.max(0, written));
        wanted -= wanted % BYTES_PER_SAMPLE;
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, wanted);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                break;
            }
        }
        int read = target.position() - target.position() % BYTES_PER_SAMPLE;
        position += read;
        return read;
    }

    /** The number of audio bytes in a file being written, as far as it has grown (0 while it has no audio yet). */
    static long audioBytesNow(Path file) throws IOException {
        Optional<GrowingWav> wav = open(file);
        if (wav.isEmpty()) {
            return 0;
        }
        try (GrowingWav open = wav.get()) {
            return Math.max(0, open.channel.size() - open.dataStart);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
