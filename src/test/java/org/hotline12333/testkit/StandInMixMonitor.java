package org.hotline12333.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Asterisk's MixMonitor does, for the stand-ins: when the recorded call ends (or StopMixMonitor runs) it writes
 * real 8 kHz mono 16-bit PCM WAV files, as {@code format_wav} does: the mixed file and the {@code r()} (what the
 * caller said) and {@code t()} (what the caller heard) legs. Paths are Asterisk's; they are written below a local
 * folder standing in for the node's recordings directory. Each leg can be made missing, empty or header-only; the
 * audio is a tone per side, or speech from espeak-ng; and MixMonitor can be made to go on writing after the
 * hang-up until the test says it stops, as a real one flushes for a moment.
 */
public final class StandInMixMonitor {

    public static final int SAMPLE_RATE = 8000;
    private static final int HEADER = 44;
    private static final Pattern LEG_OPTION = Pattern.compile("([rt])\\(([^)]*)\\)");

    public enum Leg { MIXED, CALLER, OTHER }

    public enum Fault {
        /** No file at all. */
        MISSING,
        /** A file of zero bytes. */
        EMPTY,
        /** A WAV header and no audio. */
        HEADER_ONLY
    }

    /** What a MixMonitor still writing adds each time, as often. */
    private static final Duration CHUNK = Duration.ofMillis(20);

    private final Map<Leg, Fault> faults = new EnumMap<>(Leg.class);
    private String asteriskRoot = StandInAsterisk.RECORDINGS_PATH;
    private Path localRoot;
    private Duration length = Duration.ofSeconds(1);
    private String callerText;
    private String otherText;
    private boolean keepsWriting;
    private boolean live;
    private LiveMixMonitor liveFiles;

    private Map<Leg, Path> files;
    private boolean stopped;
    private ScheduledExecutorService appender;

    /** Asterisk paths below {@code asteriskRoot} are written below {@code localRoot}. */
    public void root(String asteriskRoot, Path localRoot) {
        this.asteriskRoot = asteriskRoot;
        this.localRoot = localRoot;
    }

    public void length(Duration length) {
        this.length = length;
    }

    public void fault(Leg leg, Fault fault) {
        faults.put(leg, fault);
    }

    /** The caller side is this text spoken in Mandarin (espeak-ng), instead of a tone. */
    public void callerSays(String text) {
        this.callerText = text;
    }

    public void otherSideSays(String text) {
        this.otherText = text;
    }

    public void keepsWritingAfterHangUp() {
        this.keepsWriting = true;
    }

    /** The files are written as the call goes, in real time, not at its end ({@link LiveMixMonitor}). */
    public void writesLive() {
        this.live = true;
    }

    /**
     * A side of a live recording says this (8 kHz samples) after what it is saying now.
     *
     * @return completes with {@link System#nanoTime()} when its last sample has been written
     */
    public synchronized CompletableFuture<Long> say(Leg side, short[] samples) {
        if (liveFiles == null) {
            throw new IllegalStateException("MixMonitor is not writing live (writesLive(), and started by the call)");
        }
        return liveFiles.say(side, samples);
    }

    /** {@code EXEC MixMonitor <mixed>,r(<caller>)t(<other>)}: remembers where to write. */
    public synchronized void start(String arguments) {
        String[] parts = arguments.split(",", 2);
        Map<Leg, Path> mapped = new EnumMap<>(Leg.class);
        put(mapped, Leg.MIXED, parts[0]);
        Matcher options = LEG_OPTION.matcher(parts.length > 1 ? parts[1] : "");
        while (options.find()) {
            put(mapped, options.group(1).equals("r") ? Leg.CALLER : Leg.OTHER, options.group(2));
        }
        files = mapped.isEmpty() ? null : mapped;
        if (live && files != null && liveFiles == null) {
            liveFiles = new LiveMixMonitor(files);
        }
    }

    /** The call ended or StopMixMonitor ran: the files are written (once). */
    public synchronized void stop() {
        if (files == null || stopped) {
            return;
        }
        stopped = true;
        if (liveFiles != null) {
            liveFiles.finish();
            return;
        }
        Map<Leg, short[]> audio = audio();
        for (Map.Entry<Leg, Path> file : files.entrySet()) {
            Fault fault = faults.get(file.getKey());
            short[] samples = audio.get(file.getKey());
            write(file.getValue(), fault, keepsWriting ? half(samples) : samples);
        }
        if (keepsWriting) {
            appender = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "standin-mixmonitor");
                thread.setDaemon(true);
                return thread;
            });
            appender.scheduleAtFixedRate(appendChunk(), 0, CHUNK.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A MixMonitor that kept writing after the hang-up finishes now: when this returns, nothing more is written. */
    public void stopWriting() {
        ScheduledExecutorService writer = appender;
        if (writer != null) {
            writer.shutdown();
            try {
                if (!writer.awaitTermination(WaitDefaults.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new AssertionError("the stand-in's MixMonitor did not stop writing");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Where the files are (or would be) on the local disk, by leg; empty before MixMonitor started. */
    public synchronized Map<Leg, Path> files() {
        return files == null ? Map.of() : Map.copyOf(files);
    }

    private void put(Map<Leg, Path> mapped, Leg leg, String asteriskPath) {
        String prefix = asteriskRoot.endsWith("/") ? asteriskRoot : asteriskRoot + "/";
        if (asteriskPath.startsWith(prefix)) {
            Path root = localRoot != null ? localRoot : StandInAsterisk.recordingsRoot();
            mapped.put(leg, root.resolve(asteriskPath.substring(prefix.length())));
        }
    }

    private Map<Leg, short[]> audio() {
        int samples = (int) (length.toMillis() * SAMPLE_RATE / 1000);
        short[] caller = callerText != null ? Speech.pcm(callerText) : tone(440, samples);
        short[] other = otherText != null ? Speech.pcm(otherText) : tone(660, samples);
        int longest = Math.max(caller.length, other.length);
        caller = Arrays.copyOf(caller, longest);
        other = Arrays.copyOf(other, longest);
        short[] mixed = new short[longest];
        for (int i = 0; i < longest; i++) {
            mixed[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, caller[i] + other[i]));
        }
        Map<Leg, short[]> audio = new EnumMap<>(Leg.class);
        audio.put(Leg.MIXED, mixed);
        audio.put(Leg.CALLER, caller);
        audio.put(Leg.OTHER, other);
        return audio;
    }

    private static short[] tone(double hertz, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * hertz * i / SAMPLE_RATE));
        }
        return pcm;
    }

    private static short[] half(short[] samples) {
        return Arrays.copyOf(samples, samples.length / 2);
    }

    private static void write(Path file, Fault fault, short[] samples) {
        if (fault == Fault.MISSING) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            if (fault == Fault.EMPTY) {
                Files.write(file, new byte[0]);
                return;
            }
            short[] audio = fault == Fault.HEADER_ONLY ? new short[0] : samples;
            ByteBuffer bytes = ByteBuffer.allocate(HEADER + audio.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            header(bytes, audio.length * 2);
            for (short sample : audio) {
                bytes.putShort(sample);
            }
            Files.write(file, bytes.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical 44-byte header of 8 kHz mono 16-bit PCM, as Asterisk's format_wav writes it. */
    static void header(ByteBuffer bytes, int dataBytes) {
        bytes.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(dataBytes);
    }

    /** Appends {@link #CHUNK} of audio to every file, updating the header: run every {@link #CHUNK} until stopped. */
    private Runnable appendChunk() {
        List<Path> growing = new ArrayList<>();
        files.forEach((leg, path) -> {
            if (faults.get(leg) == null) {
                growing.add(path);
            }
        });
        byte[] chunk = new byte[(int) (SAMPLE_RATE * CHUNK.toMillis() / 1000 * 2)];
        return () -> {
            for (Path path : growing) {
                try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                    file.seek(file.length());
                    file.write(chunk);
                    int data = (int) (file.length() - HEADER);
                    file.seek(4);
                    file.write(littleEndian(36 + data));
                    file.seek(40);
                    file.write(littleEndian(data));
                } catch (IOException e) {
                    // a full disk: MixMonitor cannot write more, the file stays as it is
                }
            }
        };
    }

    private static byte[] littleEndian(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}
