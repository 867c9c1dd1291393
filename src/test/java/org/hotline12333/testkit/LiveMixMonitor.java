package org.hotline12333.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline12333.testkit.StandInMixMonitor.Leg;

/**
 * MixMonitor writing while the call goes on, as Asterisk's does: from the start it appends 20 ms of audio to each
 * file every 20 ms, in real time (silence, or what a test made a side say), and the WAV headers say "no audio"
 * until the call ends, when their sizes are written. What the two sides say is mixed into the mixed file.
 */
final class LiveMixMonitor {

    private static final int FRAME = StandInMixMonitor.SAMPLE_RATE / 50;
    private static final long FRAME_MILLIS = 20;

    private final Map<Leg, FileChannel> files = new EnumMap<>(Leg.class);
    private final Map<Leg, Deque<Said>> queued = new EnumMap<>(Leg.class);
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "standin-mixmonitor-live");
        thread.setDaemon(true);
        return thread;
    });

    /** Something a side says: its samples, and when its last sample was written (System.nanoTime()). */
    private static final class Said {
        final short[] samples;
        int next;
        final CompletableFuture<Long> written = new CompletableFuture<>();

        Said(short[] samples) {
            this.samples = samples;
        }
    }

    LiveMixMonitor(Map<Leg, Path> paths) {
        try {
            for (Map.Entry<Leg, Path> path : paths.entrySet()) {
                Files.createDirectories(path.getValue().getParent());
                FileChannel file = FileChannel.open(path.getValue(), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
                StandInMixMonitor.header(header, 0);
                file.write(header.flip());
                files.put(path.getKey(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        queued.put(Leg.CALLER, new ArrayDeque<>());
        queued.put(Leg.OTHER, new ArrayDeque<>());
        writer.scheduleAtFixedRate(this::writeFrame, 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The side says this (8 kHz samples) after whatever it is saying now; completes when it has all been written. */
    CompletableFuture<Long> say(Leg side, short[] samples) {
        Said said = new Said(samples);
        synchronized (queued) {
            queued.get(side).add(said);
        }
        return said.written;
    }

    /** The call ended: nothing more is written, and the headers get their sizes. */
    void finish() {
        writer.shutdown();
        try {
            writer.awaitTermination(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (FileChannel file : files.values()) {
                long data = file.size() - 44;
                ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                file.write(sizes.putInt(0, (int) (36 + data)), 4);
                file.write(sizes.putInt(0, (int) data).position(0), 40);
                file.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next 20 ms of every file: run every 20 ms until the call ends. */
    private void writeFrame() {
        Map<Leg, short[]> frame = new EnumMap<>(Leg.class);
        synchronized (queued) {
            frame.put(Leg.CALLER, frame(queued.get(Leg.CALLER)));
            frame.put(Leg.OTHER, frame(queued.get(Leg.OTHER)));
        }
        short[] mixed = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            int sum = frame.get(Leg.CALLER)[i] + frame.get(Leg.OTHER)[i];
            mixed[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum));
        }
        frame.put(Leg.MIXED, mixed);
        files.forEach((leg, file) -> append(file, frame.get(leg)));
        completeWritten();
    }

    /** The next 20 ms of a side: from what it is saying, silence after. */
    private static short[] frame(Deque<Said> side) {
        short[] frame = new short[FRAME];
        int filled = 0;
        for (Said said : side) {
            int take = Math.min(FRAME - filled, said.samples.length - said.next);
            System.arraycopy(said.samples, said.next, frame, filled, take);
            said.next += take;
            filled += take;
            if (filled == FRAME) {
                break;
            }
        }
        return frame;
    }

    /** What has been written completely is done (after the append, so a reader can see it). */
    private void completeWritten() {
        long now = System.nanoTime();
        synchronized (queued) {
            for (Deque<Said> side : queued.values()) {
                while (!side.isEmpty() && side.peek().next == side.peek().samples.length) {
                    side.poll().written.complete(now);
                }
            }
        }
    }

    private static void append(FileChannel file, short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        try {
            file.write(bytes.flip(), file.size());
        } catch (IOException e) {
            // a full disk: MixMonitor cannot write more, the file stays as it is
        }
    }
}
