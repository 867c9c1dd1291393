package org.hotline12333.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.hotline12333.speech.SpeechRecognizer.Recognition;
import org.hotline12333.speech.SpeechRecognizer.Segment;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.speech.Transcript.Word;
import org.springframework.stereotype.Component;

/**
 * Transcribes one leg of a recording: reads it at the recognizer's rate and feeds it a second at a time, each
 * second a turn from the {@link RecognizerPool}, so a caller waiting for keyword recognition never waits for a
 * whole recording.
 */
@Component
class LegTranscriber {

    /** Audio fed per turn of the pool. */
    static final int SLICE_MILLIS = 1000;

    private final SpeechRecognizer recognizer;
    private final RecognizerPool pool;

    LegTranscriber(SpeechRecognizer recognizer, RecognizerPool pool) {
        this.recognizer = recognizer;
        this.pool = pool;
    }

    /** A leg's utterances, and how many seconds of audio it held. */
    record Leg(List<Utterance> utterances, double audioSeconds) {
    }

    /**
     * @param stopping asked between slices; when true the work is abandoned with {@link Interrupted}
     */
    Leg transcribe(Path file, Speaker speaker, int sampleRate, BooleanSupplier stopping) throws InterruptedException {
        List<Segment> segments = new ArrayList<>();
        long bytes = 0;
        try (TelephoneAudio audio = TelephoneAudio.open(file, sampleRate);
             Recognition recognition = recognizer.start(sampleRate, List.of(), file.toString())) {
            byte[] slice = new byte[sampleRate * 2 * SLICE_MILLIS / 1000];
            int read;
            while ((read = audio.read(slice)) > 0) {
                if (stopping.getAsBoolean()) {
                    throw new Interrupted();
                }
                int length = read;
                segments.addAll(pool.batch(() -> recognition.accept(slice, length)));
                bytes += read;
            }
            segments.addAll(pool.batch(recognition::finish));
        }
        List<Utterance> utterances = segments.stream().filter(segment -> !segment.words().isEmpty())
                .map(segment -> utterance(speaker, segment.words())).toList();
        return new Leg(utterances, bytes / 2.0 / sampleRate);
    }

    /** An utterance of the words, times rounded to the millisecond. */
    static Utterance utterance(Speaker speaker, List<Word> heard) {
        List<Word> words = heard.stream().map(word -> new Word(word.word(), SpeechAnalysis.round(word.start()),
                SpeechAnalysis.round(word.end()), SpeechAnalysis.round(word.confidence()))).toList();
        return new Utterance(speaker, words.get(0).start(), words.get(words.size() - 1).end(), text(words), words);
    }

    /** Words as text: Chinese without spaces, a space only between two Latin words or numbers. */
    static String text(List<Word> words) {
        StringBuilder text = new StringBuilder();
        for (Word word : words) {
            String next = word.word().strip();
            if (!text.isEmpty() && isLatin(text.charAt(text.length() - 1)) && !next.isEmpty() && isLatin(next.charAt(0))) {
                text.append(' ');
            }
            text.append(next);
        }
        return text.toString();
    }

    private static boolean isLatin(char c) {
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    /** The service is stopping: the leg was not finished. */
    static final class Interrupted extends RuntimeException {

        Interrupted() {
            super("the service is stopping", null, false, false);
        }
    }
}
