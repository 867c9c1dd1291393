package org.hotline12333.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallInfo;
import org.hotline12333.telephony.DialResult;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.telephony.Digits;
import org.hotline12333.telephony.RecordingFiles;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.HotlineTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What recording costs: the service's own work on the call path when recording starts (the row, without Asterisk's
 * reply to MixMonitor), and checking a finished recording off the call path (hashing and reading three files).
 */
@Tag("benchmark")
@HotlineTest
@DirtiesContext // each benchmark's heap and threads are its own, not those of the contexts before it
class RecordingBenchmark {

    @Autowired
    CallRecorder recorder;

    @TempDir
    Path folder;

    @Test
    void startingARecordingOnTheCallPath() {
        for (int i = 0; i < 300; i++) {
            recorder.start(new QuietChannel());
        }
        int calls = 2000;
        long[] micros = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            recorder.start(new QuietChannel());
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        BenchResults.record(Map.of(
                "recording.start.median.us", micros[calls / 2],
                "recording.start.p99.us", micros[calls * 99 / 100],
                "recording.start.max.us", micros[calls - 1]));
    }

    @Test
    void checkingAFiveMinuteRecording() throws IOException {
        int seconds = 300;
        List<Path> files = List.of(wav("mixed.wav", seconds), wav("caller.wav", seconds), wav("other.wav", seconds));
        for (int i = 0; i < 3; i++) {
            files.forEach(f -> AudioFiles.inspect(f, f.getFileName().toString()));
        }
        int rounds = 20;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            files.forEach(f -> AudioFiles.inspect(f, f.getFileName().toString()));
        }
        double millisPerRecording = (System.nanoTime() - start) / 1e6 / rounds;
        double megabytes = 3.0 * Files.size(files.get(0)) / (1024 * 1024);
        BenchResults.record(Map.of(
                "recording.check.5min.ms", Math.round(millisPerRecording * 10) / 10.0,
                "recording.check.mb_per_s", Math.round(megabytes / (millisPerRecording / 1000))));
    }

    private Path wav(String name, int seconds) throws IOException {
        int data = seconds * 16_000;
        ByteBuffer bytes = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(data);
        for (int i = 0; i < data / 2; i++) {
            bytes.putShort((short) (6000 * Math.sin(i / 3.0)));
        }
        return Files.write(folder.resolve(name), bytes.array());
    }

    /** A call whose Asterisk answers MixMonitor at once: what is left is the service's own cost. */
    private static final class QuietChannel implements CallChannel {

        private final CallInfo info = new CallInfo(UUID.randomUUID().toString(), "central", "PJSIP/bench",
                UUID.randomUUID().toString(), "13800138000", null, "12333", "from-carrier", "zh", "ivr", Map.of(), true);

        @Override
        public CallInfo info() {
            return info;
        }

        @Override
        public void startRecording(RecordingFiles files) {
        }

        @Override
        public void answer() {
        }

        @Override
        public Optional<Character> play(String prompt, String escapeDigits) {
            return Optional.empty();
        }

        @Override
        public Optional<Character> recordUtterance(String file, java.time.Duration maxDuration,
                                                   java.time.Duration silence, String escapeDigits) {
            return Optional.empty();
        }

        @Override
        public Optional<Character> sayDigits(String digits, String escapeDigits) {
            return Optional.empty();
        }

        @Override
        public Optional<Character> sayNumber(long number, String escapeDigits) {
            return Optional.empty();
        }

        @Override
        public Digits collectDigits(String prompt, DigitRequest request) {
            return new Digits("", true);
        }

        @Override
        public String getVariable(String name) {
            return null;
        }

        @Override
        public void setVariable(String name, String value) {
        }

        @Override
        public Optional<Character> waitForKey(Duration timeout) {
            return Optional.empty();
        }

        @Override
        public DialResult dial(String endpoint, Duration ringTimeout, String dialOptions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean bridge(String channel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stopRecording() {
        }

        @Override
        public void startMusicOnHold(String mohClass) {
        }

        @Override
        public void stopMusicOnHold() {
        }

        @Override
        public void hangup() {
        }

        @Override
        public boolean isGone() {
            return false;
        }
    }
}
