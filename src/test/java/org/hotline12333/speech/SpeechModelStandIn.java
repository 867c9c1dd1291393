package org.hotline12333.speech;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline12333.speech.SpeechAnalysis.Span;
import org.hotline12333.speech.Transcript.Word;

/**
 * THE STAND-IN FOR THE VOSK MODEL, for tests on machines without one. It is not a speech recognizer and must never
 * be mistaken for one: a test tells it what is said in an audio file ({@link #says}), one phrase per stretch of
 * speech in it, and it answers with those words. Their times come from the audio it is actually fed: it finds the
 * stretches of speech by their energy, at whatever sample rate it is given, and spreads each phrase's characters
 * evenly over its stretch. So everything around the recognizer (reading and resampling audio, slicing it through
 * the pool, the queue, transcripts, offsets, findings) is tested for real; only the model's hearing is assumed. Like
 * a streaming recognizer, it returns a stretch as soon as a long enough pause has followed it, the rest at the end.
 */
class SpeechModelStandIn implements SpeechRecognizer {

    static final String MODEL = "stand-in for the Vosk model (tests only)";
    /** A 20 ms frame is speech when its RMS is above this (of 32768). */
    private static final double SPEECH_RMS = 300;
    /** Quieter stretches shorter than this do not end a stretch of speech. */
    private static final double JOIN_GAP_SECONDS = 0.6;

    private final Map<Path, List<String>> scripts = new ConcurrentHashMap<>();
    private final List<Integer> sampleRatesHeard = new CopyOnWriteArrayList<>();
    private final List<String> grammarsHeard = new CopyOnWriteArrayList<>();
    private volatile Hold hold;

    /** What is said in this file: one phrase per stretch of speech, in order. */
    SpeechModelStandIn says(Path audio, List<String> phrases) {
        scripts.put(audio.toAbsolutePath().normalize(), List.copyOf(phrases));
        return this;
    }

    List<Integer> sampleRatesHeard() {
        return sampleRatesHeard;
    }

    List<String> grammarsHeard() {
        return grammarsHeard;
    }

    /** Recognition of this file stops at its first audio until {@link Hold#release()}. */
    Hold holdOn(Path audio) {
        hold = new Hold(audio.toAbsolutePath().normalize());
        return hold;
    }

    @Override
    public ModelStatus status() {
        return new ModelStatus(ModelStatus.State.READY, MODEL, "");
    }

    @Override
    public Recognition start(int sampleRate, List<String> phrases, String source) {
        Path file = Path.of(source).toAbsolutePath().normalize();
        List<String> script = scripts.get(file);
        if (script == null) {
            throw new IllegalStateException("the stand-in was not told what is said in " + source);
        }
        sampleRatesHeard.add(sampleRate);
        if (!phrases.isEmpty()) {
            grammarsHeard.add(String.join("|", phrases));
        }
        return new Recognition() {
            private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            private int emitted;

            /** Like a recognizer's endpointing: a stretch followed by a pause as long as it joins over is done. */
            @Override
            public List<Segment> accept(byte[] audio, int length) {
                Hold current = hold;
                if (current != null && current.file.equals(file)) {
                    current.await();
                }
                pcm.write(audio, 0, length);
                double heard = pcm.size() / 2.0 / sampleRate;
                List<Span> closed = stretches(pcm.toByteArray(), sampleRate).stream()
                        .filter(stretch -> stretch.end() + JOIN_GAP_SECONDS <= heard).toList();
                return segments(closed);
            }

            @Override
            public List<Segment> finish() {
                List<Span> stretches = stretches(pcm.toByteArray(), sampleRate);
                if (stretches.size() != script.size()) {
                    throw new IllegalStateException("the stand-in found " + stretches.size() + " stretches of speech "
                            + stretches + " in " + source + " but was told of " + script.size() + ": " + script);
                }
                return segments(stretches);
            }

            /** The segments of the stretches not returned yet. */
            private List<Segment> segments(List<Span> stretches) {
                List<Segment> segments = new ArrayList<>();
                for (; emitted < stretches.size(); emitted++) {
                    if (emitted >= script.size()) {
                        throw new IllegalStateException("the stand-in found more stretches of speech " + stretches
                                + " in " + source + " than it was told of: " + script);
                    }
                    segments.add(new Segment(words(script.get(emitted), stretches.get(emitted))));
                }
                return segments;
            }

            @Override
            public void close() {
            }
        };
    }

    /** The phrase's characters spread evenly over the stretch, one word each. */
    private static List<Word> words(String phrase, Span stretch) {
        int[] characters = phrase.codePoints().filter(Character::isLetterOrDigit).toArray();
        double each = stretch.seconds() / characters.length;
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < characters.length; i++) {
            words.add(new Word(new String(Character.toChars(characters[i])), stretch.start() + i * each,
                    stretch.start() + (i + 1) * each, 1.0));
        }
        return words;
    }

    /** Stretches of speech in 16-bit mono PCM: 20 ms frames above the energy threshold, short pauses joined. */
    static List<Span> stretches(byte[] pcm, int sampleRate) {
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        int frame = sampleRate / 50;
        List<Span> stretches = new ArrayList<>();
        for (int start = 0; start + frame <= samples.length; start += frame) {
            double energy = 0;
            for (int i = start; i < start + frame; i++) {
                energy += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(energy / frame) < SPEECH_RMS) {
                continue;
            }
            double from = start / (double) sampleRate;
            double to = (start + frame) / (double) sampleRate;
            Span last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
            if (last != null && from - last.end() < JOIN_GAP_SECONDS) {
                stretches.set(stretches.size() - 1, new Span(last.start(), to));
            } else {
                stretches.add(new Span(from, to));
            }
        }
        return stretches;
    }

    /** Keeps recognition of one file waiting, so a test can act while a job is in progress. */
    static final class Hold {

        private final Path file;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(Path file) {
            this.file = file;
        }

        private void await() {
            reached.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitReached() throws InterruptedException {
            if (!reached.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("recognition never reached " + file);
            }
        }

        void release() {
            released.countDown();
        }
    }
}
