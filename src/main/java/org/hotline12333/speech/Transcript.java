package org.hotline12333.speech;

import java.time.Instant;
import java.util.List;

/**
 * What was said in one recording, both legs, as stored in the database and written to the JSON sidecar
 * ({@code recordings-schema/transcript.schema.json}). Times are seconds from the start of the recording.
 *
 * @param model      the speech model that heard it
 * @param sampleRate the rate the audio was given to the recognizer at
 * @param utterances both speakers' utterances, in order of their start
 */
public record Transcript(String recordingId, String callId, String model, int sampleRate, Instant transcribedAt,
                         List<Utterance> utterances) {

    public Transcript {
        utterances = List.copyOf(utterances);
    }

    public List<Utterance> of(Speaker speaker) {
        return utterances.stream().filter(utterance -> utterance.speaker() == speaker).toList();
    }

    /** One stretch of speech by one speaker, as the recognizer cut it. */
    public record Utterance(Speaker speaker, double start, double end, String text, List<Word> words) {

        public Utterance {
            words = List.copyOf(words);
        }

        public double seconds() {
            return end - start;
        }
    }

    /** A word as heard, with how sure the recognizer is of it (0..1). */
    public record Word(String word, double start, double end, double confidence) {
    }
}
