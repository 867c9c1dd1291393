package org.hotline12333.speech;

import java.util.ArrayList;
import java.util.List;
import org.hotline12333.speech.SpeechAnalysis.Span;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.speech.Transcript.Word;

/**
 * Finds a phrase in an utterance and when it was said. The recognizer cuts Chinese into words its own way ("不知道"
 * may come as "不" + "知道", or inside "我不知道"), so the search runs over the utterance's characters without spaces
 * and maps the match back to its words' times; a match starting or ending inside a word takes its share of the
 * word's time.
 */
final class PhraseSearch {

    private PhraseSearch() {
    }

    static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }

    static boolean contains(String text, String phrase) {
        String wanted = compact(phrase);
        return !wanted.isEmpty() && compact(text).contains(wanted);
    }

    static List<Span> find(Utterance utterance, String phrase) {
        String wanted = compact(phrase);
        List<Span> found = new ArrayList<>();
        if (wanted.isEmpty()) {
            return found;
        }
        if (utterance.words().isEmpty()) {
            if (contains(utterance.text(), wanted)) {
                found.add(new Span(utterance.start(), utterance.end()));
            }
            return found;
        }
        StringBuilder text = new StringBuilder();
        List<Integer> wordOf = new ArrayList<>();
        List<Integer> offsetInWord = new ArrayList<>();
        List<Word> words = utterance.words();
        for (int w = 0; w < words.size(); w++) {
            String word = compact(words.get(w).word());
            text.append(word);
            for (int c = 0; c < word.length(); c++) {
                wordOf.add(w);
                offsetInWord.add(c);
            }
        }
        int at = text.indexOf(wanted);
        while (at >= 0) {
            int last = at + wanted.length() - 1;
            found.add(new Span(SpeechAnalysis.round(time(words, wordOf.get(at), offsetInWord.get(at))),
                    SpeechAnalysis.round(time(words, wordOf.get(last), offsetInWord.get(last) + 1))));
            at = text.indexOf(wanted, at + wanted.length());
        }
        return found;
    }

    /** The time at a character boundary inside a word, its time shared evenly among its characters. */
    private static double time(List<Word> words, int w, int boundary) {
        Word word = words.get(w);
        int length = Math.max(1, compact(word.word()).length());
        return word.start() + (word.end() - word.start()) * boundary / length;
    }
}
