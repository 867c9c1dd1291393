package org.hotline12333.speech;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hotline12333.speech.SpeechAnalysis.Span;
import org.hotline12333.speech.SpeechRecognizer.Recognition;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.speech.Transcript.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keyword recognition for the IVR's speech navigation, on the same model and pool as transcription (and ahead of
 * it). The recognizer listens only for the menu's keywords; a keyword counts when the words heard contain it. Any
 * failure means "heard none of them", so the caller is asked again or offered keys, never left in silence.
 */
@Component
class SpeechKeywords implements KeywordRecognizer {

    private static final Logger log = LoggerFactory.getLogger(SpeechKeywords.class);

    private final SpeechRecognizer recognizer;
    private final RecognizerPool pool;
    private final int sampleRate;

    SpeechKeywords(SpeechRecognizer recognizer, RecognizerPool pool, SpeechProperties properties) {
        this.recognizer = recognizer;
        this.pool = pool;
        this.sampleRate = properties.sampleRate();
    }

    @Override
    public boolean available() {
        return recognizer.status().ready();
    }

    @Override
    public Optional<KeywordMatch> recognize(Path audio, List<String> keywords) {
        List<String> wanted = keywords.stream().filter(keyword -> !PhraseSearch.compact(keyword).isEmpty()).toList();
        if (wanted.isEmpty() || !available()) {
            return Optional.empty();
        }
        try {
            return pool.interactive(() -> match(hear(audio, wanted), wanted));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException e) {
            log.warn("Keyword recognition failed for {}: {}", audio, e.getMessage());
            return Optional.empty();
        }
    }

    private List<Word> hear(Path audio, List<String> keywords) {
        List<Word> words = new ArrayList<>();
        try (TelephoneAudio pcm = TelephoneAudio.open(audio, sampleRate);
             Recognition recognition = recognizer.start(sampleRate, keywords, audio.toString())) {
            byte[] slice = new byte[sampleRate * 2 * LegTranscriber.SLICE_MILLIS / 1000];
            int read;
            while ((read = pcm.read(slice)) > 0) {
                recognition.accept(slice, read).forEach(segment -> words.addAll(segment.words()));
            }
            recognition.finish().forEach(segment -> words.addAll(segment.words()));
        }
        return words;
    }

    /** The longest keyword heard (so "养老保险" wins over "养老"), with the mean confidence of its words. */
    static Optional<KeywordMatch> match(List<Word> words, List<String> keywords) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Utterance heard = LegTranscriber.utterance(Speaker.CALLER, words);
        return keywords.stream().sorted(Comparator.comparingInt((String k) -> PhraseSearch.compact(k).length()).reversed())
                .flatMap(keyword -> PhraseSearch.find(heard, keyword).stream().findFirst()
                        .map(span -> new KeywordMatch(keyword, confidence(words, span))).stream())
                .findFirst();
    }

    private static double confidence(List<Word> words, Span span) {
        return words.stream().filter(word -> word.end() > span.start() && word.start() < span.end())
                .mapToDouble(Word::confidence).average().orElse(0);
    }
}
