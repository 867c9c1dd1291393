package org.hotline12333.speech;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline12333.speech.SpeechRecognizer.Recognition;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.MachineReadings;
import org.hotline12333.testkit.SpokenAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speech recognition with the real model (a Chinese one in ../shared/models/, else the Korean one the test command
 * fetches), on espeak-ng speech in its language ({@link TestLanguage}) rendered as 8 kHz telephone audio and as
 * 16 kHz wideband audio: the character error rate and speed given 8 kHz as recorded and resampled to 16 kHz by the
 * service, the real-time factor (processing time / audio time) of one recognizer thread alone and of each while all
 * cores are busy, the native memory the model and each recognizer take, and thousands of recordings through the
 * pool on every core with the process's memory read as they go. Every figure goes to target/bench/results.json with
 * the load average it was measured under. Without a model it says why and is skipped.
 */
@Tag("benchmark")
class SpeechBenchmark {

    private static final int RECOGNIZERS_FOR_MEMORY = 40;
    private static final int RECORDINGS = Integer.getInteger("bench.speech.recordings", 2000);

    @TempDir
    static Path dir;

    private static TestLanguage language;
    private static VoskRecognizer vosk;
    private static final Map<String, Number> figures = new TreeMap<>();
    private static final List<Path> telephone = new ArrayList<>();
    private static final List<Path> wideband = new ArrayList<>();
    private static double audioSeconds;

    @BeforeAll
    static void loadTheModelAndRenderTheCorpus() {
        VoskTestModel.require();
        language = VoskTestModel.language();
        double before = MachineReadings.anonymousMb();
        long started = System.nanoTime();
        vosk = VoskTestModel.load();
        figures.put("asr_model_load_ms", (System.nanoTime() - started) / 1_000_000);
        figures.put("asr_model_native_mb", MachineReadings.anonymousMb() - before);
        for (int i = 0; i < language.sentences().size(); i++) {
            String sentence = language.sentences().get(i);
            telephone.add(SpeechScenarios.leg(language).silence(0.3).say(sentence).silence(0.5)
                    .render(dir.resolve("telephone-" + i + ".wav")).file());
            wideband.add(SpokenAudio.leg(language.voice(), 16000).silence(0.3).say(sentence).silence(0.5)
                    .render(dir.resolve("wideband-" + i + ".wav")).file());
            audioSeconds += SpokenAudio.seconds(telephone.get(i));
        }
    }

    @AfterAll
    static void report() {
        if (vosk != null) {
            vosk.stop();
            figures.put("asr_cores", Runtime.getRuntime().availableProcessors());
            System.out.printf("speech benchmark with %s (%s), %.1f s of audio: %s%n", vosk.status().model(),
                    language.name(), audioSeconds, figures);
            BenchResults.record(figures);
        }
    }

    @Test
    void errorRateAndRealTimeFactorAt8kHzAsRecordedAndResampledTo16kHz() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int rate : new int[] {8000, 16000}) {
            String suffix = rate == 8000 ? "" : "_16k";
            LegTranscriber alone = new LegTranscriber(vosk, new RecognizerPool(1));
            VoskModelTest.transcribe(alone, telephone.subList(0, 2)); // warm up
            double load = MachineReadings.loadAverage();
            long cpuStarted = cpu.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            List<String> heard = transcribeAt(alone, telephone, rate);
            figures.put("asr_rtf_one_thread" + suffix, (System.nanoTime() - started) / 1e9 / audioSeconds);
            figures.put("asr_rtf_one_thread_cpu" + suffix, (cpu.getCurrentThreadCpuTime() - cpuStarted) / 1e9
                    / audioSeconds);
            figures.put("asr_cer_" + rate / 1000 + "k", cer(heard));
            figures.put("asr_rtf_all_cores" + suffix, allCores(rate, cores) / audioSeconds);
            figures.put("asr_load_average" + suffix, (load + MachineReadings.loadAverage()) / 2);
        }
        figures.put("asr_cer_wideband_16k", cer(transcribeAt(new LegTranscriber(vosk, new RecognizerPool(1)), wideband,
                16000)));
    }

    @Test
    void nativeMemoryPerRecognizer() {
        byte[] second = new byte[16000];
        try (TelephoneAudio speech = TelephoneAudio.open(telephone.get(1), 8000)) {
            speech.read(second);
        }
        System.gc();
        double before = MachineReadings.anonymousMb();
        List<Recognition> open = new ArrayList<>();
        try {
            for (int i = 0; i < RECOGNIZERS_FOR_MEMORY; i++) {
                Recognition recognition = vosk.start(8000, List.of(), "memory-" + i);
                open.add(recognition);
                recognition.accept(second, second.length);
            }
            figures.put("asr_recognizer_native_mb", (MachineReadings.anonymousMb() - before) / RECOGNIZERS_FOR_MEMORY);
        } finally {
            open.forEach(Recognition::close);
        }
        System.gc();
        figures.put("asr_recognizers_closed_left_mb", MachineReadings.anonymousMb() - before);
    }

    @Test
    void thousandsOfRecordingsThroughThePoolOnEveryCore() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Path> words = new ArrayList<>();
        for (String word : List.of(language.forbiddenSaid(), language.greetingSaid(), language.keywords().get(1))) {
            words.add(SpeechScenarios.leg(language).silence(0.2).say(word).silence(0.2)
                    .render(dir.resolve("word-" + words.size() + ".wav")).file());
        }
        RecognizerPool pool = new RecognizerPool(cores);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger empty = new AtomicInteger();
        double[] memory = new double[11];
        memory[0] = MachineReadings.anonymousMb();
        ExecutorService threads = Executors.newFixedThreadPool(cores);
        long started = System.nanoTime();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < cores; t++) {
                work.add(threads.submit(() -> {
                    LegTranscriber transcriber = new LegTranscriber(vosk, pool);
                    int n;
                    while ((n = done.getAndIncrement()) < RECORDINGS) {
                        if (transcriber.transcribe(words.get(n % words.size()), Speaker.AGENT, 8000, () -> false)
                                .utterances().isEmpty()) {
                            empty.incrementAndGet();
                        }
                        if ((n + 1) % (RECORDINGS / 10) == 0) {
                            memory[(n + 1) / (RECORDINGS / 10)] = MachineReadings.anonymousMb();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> each : work) {
                each.get();
            }
        } finally {
            threads.shutdownNow();
        }
        System.out.printf("%d recordings on %d threads in %.0f s; empty transcripts %d; RssAnon by tenths: %s%n",
                RECORDINGS, cores, (System.nanoTime() - started) / 1e9, empty.get(), java.util.Arrays.toString(memory));
        figures.put("asr_pool_recordings", RECORDINGS);
        figures.put("asr_pool_rss_start_mb", memory[0]);
        figures.put("asr_pool_rss_after_tenth_mb", memory[1]);
        figures.put("asr_pool_rss_end_mb", memory[10]);
        figures.put("asr_pool_rss_growth_mb_per_1000_after_tenth", (memory[10] - memory[1]) * 1000 / (RECORDINGS * 0.9));
    }

    /** Each core's recognizer transcribes the whole corpus at once; the mean seconds each took. */
    private static double allCores(int rate, int cores) throws Exception {
        RecognizerPool pool = new RecognizerPool(cores);
        ExecutorService threads = Executors.newFixedThreadPool(cores);
        try {
            List<Future<Double>> each = new ArrayList<>();
            for (int i = 0; i < cores; i++) {
                each.add(threads.submit(() -> {
                    long started = System.nanoTime();
                    transcribeAt(new LegTranscriber(vosk, pool), telephone, rate);
                    return (System.nanoTime() - started) / 1e9;
                }));
            }
            double total = 0;
            for (Future<Double> seconds : each) {
                total += seconds.get();
            }
            return total / cores;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> transcribeAt(LegTranscriber transcriber, List<Path> files, int rate)
            throws InterruptedException {
        List<String> heard = new ArrayList<>();
        for (Path file : files) {
            heard.add(transcriber.transcribe(file, Speaker.CALLER, rate, () -> false).utterances().stream()
                    .map(Transcript.Utterance::text).collect(java.util.stream.Collectors.joining()));
        }
        return heard;
    }

    private static double cer(List<String> heard) {
        int edits = 0;
        int characters = 0;
        for (int i = 0; i < heard.size(); i++) {
            edits += CharacterErrorRate.edits(language.sentences().get(i), heard.get(i));
            characters += CharacterErrorRate.length(language.sentences().get(i));
        }
        return (double) edits / characters;
    }
}
