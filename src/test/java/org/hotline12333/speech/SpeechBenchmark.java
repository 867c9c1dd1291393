package org.hotline12333.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.testkit.BenchResults;
import org.hotline12333.testkit.SpokenAudio;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speech recognition with the real model on telephone audio (espeak-ng Mandarin at 8 kHz): the character error rate
 * when recognizing at 8 kHz and when resampling to 16 kHz first, and the real-time factor (processing time / audio
 * time) of one recognizer thread alone and of each while all cores are busy. Reports to target/bench/results.json:
 * {@code asr_cer_8k}, {@code asr_cer_16k}, {@code asr_rtf_one_thread}, {@code asr_rtf_all_cores} (at the configured
 * default, 8 kHz) and the same two RTFs at 16 kHz. Without a model it says it could not run and is skipped.
 */
@Tag("benchmark")
class SpeechBenchmark {

    @TempDir
    static Path dir;

    @Test
    void characterErrorRateAndRealTimeFactorAt8kHzAnd16kHz() throws Exception {
        if (VoskTestModel.find().isEmpty()) {
            System.out.println("speech benchmark could not run: " + VoskTestModel.missing());
        }
        VoskRecognizer vosk = VoskTestModel.load();
        try {
            List<Path> corpus = new ArrayList<>();
            double audioSeconds = 0;
            for (int i = 0; i < SpeechScenarios.SENTENCES.size(); i++) {
                Path file = SpokenAudio.leg().silence(0.3).say(SpeechScenarios.SENTENCES.get(i)).silence(0.5)
                        .render(dir.resolve("sentence-" + i + ".wav")).file();
                corpus.add(file);
                audioSeconds += SpokenAudio.seconds(file);
            }
            int cores = Runtime.getRuntime().availableProcessors();
            Map<String, Number> figures = new TreeMap<>();
            for (int rate : new int[] {8000, 16000}) {
                String suffix = rate == 8000 ? "" : "_16k";
                LegTranscriber alone = new LegTranscriber(vosk, new RecognizerPool(1));
                transcribe(alone, corpus, rate);
                long started = System.nanoTime();
                List<String> heard = transcribe(alone, corpus, rate);
                double oneThread = (System.nanoTime() - started) / 1e9 / audioSeconds;
                figures.put("asr_cer_" + rate / 1000 + "k", cer(heard));
                figures.put("asr_rtf_one_thread" + suffix, oneThread);
                figures.put("asr_rtf_all_cores" + suffix, allCores(vosk, corpus, rate, cores) / audioSeconds);
            }
            System.out.printf("speech benchmark with %s on %d cores, %.1f s of audio: %s%n", vosk.status().model(), cores,
                    audioSeconds, figures);
            BenchResults.record(figures);
        } finally {
            vosk.stop();
        }
    }

    /** Each core's recognizer transcribes the whole corpus at once; the mean seconds each took. */
    private static double allCores(VoskRecognizer vosk, List<Path> corpus, int rate, int cores) throws Exception {
        RecognizerPool pool = new RecognizerPool(cores);
        ExecutorService threads = Executors.newFixedThreadPool(cores);
        try {
            List<Future<Double>> each = new ArrayList<>();
            for (int i = 0; i < cores; i++) {
                each.add(threads.submit(() -> {
                    long started = System.nanoTime();
                    transcribe(new LegTranscriber(vosk, pool), corpus, rate);
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

    private static List<String> transcribe(LegTranscriber transcriber, List<Path> corpus, int rate) throws InterruptedException {
        List<String> heard = new ArrayList<>();
        for (Path file : corpus) {
            heard.add(transcriber.transcribe(file, Speaker.CALLER, rate, () -> false).utterances().stream()
                    .map(Utterance::text).collect(Collectors.joining()));
        }
        return heard;
    }

    private static double cer(List<String> heard) {
        int edits = 0;
        int characters = 0;
        for (int i = 0; i < heard.size(); i++) {
            edits += CharacterErrorRate.edits(SpeechScenarios.SENTENCES.get(i), heard.get(i));
            characters += CharacterErrorRate.length(SpeechScenarios.SENTENCES.get(i));
        }
        return (double) edits / characters;
    }
}
