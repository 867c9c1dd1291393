package org.hotline12333.speech;

import java.util.List;
import org.hotline12333.speech.Transcript.Word;

/**
 * The port to a speech recognizer: 16-bit mono PCM in, words with times and confidence out. {@link VoskRecognizer}
 * is the real one and the only code that needs a model; everything around it (audio, queue, pool, transcripts,
 * findings) works through this port.
 */
interface SpeechRecognizer {

    /** Whether a model is loaded, and if not, why. */
    ModelStatus status();

    /**
     * Starts recognizing one stream of audio.
     *
     * @param sampleRate the rate of the PCM that will be fed
     * @param phrases    the only phrases to listen for (a grammar), or empty for free speech
     * @param source     where the audio comes from, for messages
     * @throws IllegalStateException when no model is loaded
     */
    Recognition start(int sampleRate, List<String> phrases, String source);

    /** One stream being recognized; used by one thread at a time. */
    interface Recognition extends AutoCloseable {

        /**
         * Feeds 16-bit little-endian mono PCM.
         *
         * @return the segments of speech this audio completed (usually none); times from the stream's start
         */
        List<Segment> accept(byte[] pcm, int length);

        /** Ends the stream: the segments not yet returned. */
        List<Segment> finish();

        @Override
        void close();
    }

    /** A stretch of speech the recognizer cut at a pause: its words, in order. */
    record Segment(List<Word> words) {

        public Segment {
            words = List.copyOf(words);
        }
    }
}
