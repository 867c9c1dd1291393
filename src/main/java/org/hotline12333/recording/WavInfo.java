package org.hotline12333.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a WAV file's header says: format and how much audio follows. A header whose data size was never filled in
 * (0, or larger than the file) counts the bytes actually there, as a player would.
 *
 * @param dataBytes bytes of audio in the data chunk
 */
record WavInfo(int sampleRate, int channels, int bitsPerSample, long dataBytes) {

    static final int CANONICAL_HEADER = 44;

    long durationMs() {
        long bytesPerSecond = (long) sampleRate * channels * Math.max(1, bitsPerSample / 8);
        return bytesPerSecond == 0 ? 0 : dataBytes * 1000 / bytesPerSecond;
    }

    static WavInfo read(Path file) throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            ByteBuffer riff = read(in, 12);
            if (!"RIFF".equals(tag(riff, 0)) || !"WAVE".equals(tag(riff, 8))) {
                throw new NotWavException("no RIFF/WAVE header");
            }
            int sampleRate = 0;
            int channels = 0;
            int bits = 0;
            boolean format = false;
            long position = 12;
            while (position + 8 <= size) {
                in.position(position);
                ByteBuffer chunk = read(in, 8);
                String id = tag(chunk, 0);
                long length = Integer.toUnsignedLong(chunk.getInt(4));
                long body = position + 8;
                if ("fmt ".equals(id)) {
                    ByteBuffer fmt = read(in, 16);
                    channels = Short.toUnsignedInt(fmt.getShort(2));
                    sampleRate = fmt.getInt(4);
                    bits = Short.toUnsignedInt(fmt.getShort(14));
                    format = true;
                } else if ("data".equals(id)) {
                    if (!format) {
                        throw new NotWavException("data before fmt chunk");
                    }
                    long present = size - body;
                    long data = length == 0 || length > present ? present : length;
                    return new WavInfo(sampleRate, channels, bits, data);
                }
                position = body + length + (length & 1);
            }
            throw new NotWavException("no data chunk");
        }
    }

    private static ByteBuffer read(SeekableByteChannel in, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (in.read(buffer) < 0) {
                throw new NotWavException("header cut short");
            }
        }
        return buffer.flip();
    }

    private static String tag(ByteBuffer buffer, int at) {
        byte[] bytes = new byte[4];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    static class NotWavException extends IOException {
        NotWavException(String message) {
            super(message);
        }
    }
}
