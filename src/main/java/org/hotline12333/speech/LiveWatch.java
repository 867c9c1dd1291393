package org.hotline12333.speech;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hotline12333.speech.SpeechAnalysis.Span;
import org.hotline12333.speech.SpeechRecognizer.Recognition;
import org.hotline12333.speech.SpeechRecognizer.Segment;
import org.hotline12333.speech.Transcript.Utterance;
import org.hotline12333.speech.Transcript.Word;

/**
 * One agent on one call, watched while the call is on: the agent's side of the recording is read as MixMonitor
 * writes it, from where it was when the agent answered, and fed a second at a time (each a turn of the
 * {@link RecognizerPool}) to a streaming recognizer. Every forbidden phrase in a stretch of speech the recognizer
 * has closed is reported, once per call. Used by one thread at a time.
 */
final class LiveWatch implements AutoCloseable {

    /** A forbidden phrase heard, with its place in the recording (seconds from its start). */
    record Heard(String phrase, double start, double end) {
    }

    /** Seconds of audio heard in one look, at most. */
    static final int MAX_SLICES_PER_LOOK = 4;

    private final String callId;
    private final String agent;
    private final Path file;
    private final long answeredAtByte;
    private final List<String> phrases;
    private final SpeechRecognizer recognizer;
    private final RecognizerPool pool;
    private final Set<String> reported = new HashSet<>();
    private GrowingWav wav;
    private Recognition recognition;
    private double startSeconds;

    /**
     * @param answeredAtByte how much audio the file held when the agent answered: what comes before is the IVR,
     *                       the queue and ringing, never the agent
     */
    LiveWatch(String callId, String agent, Path file, long answeredAtByte, List<String> phrases,
              SpeechRecognizer recognizer, RecognizerPool pool) {
        this.callId = callId;
        this.agent = agent;
        this.file = file;
        this.answeredAtByte = answeredAtByte;
        this.phrases = List.copyOf(phrases);
        this.recognizer = recognizer;
        this.pool = pool;
    }

    String callId() {
        return callId;
    }

    String agent() {
        return agent;
    }

    /**
     * Hears what MixMonitor wrote since the last time, a few seconds at most (the threads take turns among the
     * calls): the phrases heard for the first time on this call. Nothing happens until the file exists and a model
     * is loaded; the audio waits on disk meanwhile.
     */
    List<Heard> poll() throws IOException, InterruptedException {
        return hear(MAX_SLICES_PER_LOOK);
    }

    /** The agent's part of the call is over: the rest of the file, then the recognizer's last words. */
    List<Heard> finish() throws IOException, InterruptedException {
        List<Heard> heard = new ArrayList<>(hear(Integer.MAX_VALUE));
        if (recognition != null) {
            heard.addAll(heard(pool.live(recognition::finish)));
        }
        return heard;
    }

    private List<Heard> hear(int slices) throws IOException, InterruptedException {
        if (!ready()) {
            return List.of();
        }
        List<Segment> segments = new ArrayList<>();
        byte[] slice = new byte[wav.sampleRate() * 2 * LegTranscriber.SLICE_MILLIS / 1000];
        int read;
        for (int i = 0; i < slices && (read = wav.read(slice)) > 0; i++) {
            int length = read;
            segments.addAll(pool.live(() -> recognition.accept(slice, length)));
        }
        return heard(segments);
    }

    /** Seconds of audio written that the recognizer has not heard yet. */
    double behind() throws IOException {
        return wav == null ? 0 : wav.behind();
    }

    private boolean ready() throws IOException {
        if (wav == null) {
            Optional<GrowingWav> opened = GrowingWav.open(file);
            if (opened.isEmpty()) {
                return false;
            }
            wav = opened.get();
            wav.skipTo(answeredAtByte);
            startSeconds = wav.seconds();
        }
        if (recognition == null) {
            if (!recognizer.status().ready()) {
                return false;
            }
            recognition = recognizer.start(wav.sampleRate(), List.of(), file.toString());
        }
        return true;
    }

    private List<Heard> heard(List<Segment> segments) {
        List<Heard> heard = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment.words().isEmpty()) {
                continue;
            }
            List<Word> words = segment.words().stream().map(word -> new Word(word.word(), startSeconds + word.start(),
                    startSeconds + word.end(), word.confidence())).toList();
            Utterance utterance = LegTranscriber.utterance(Speaker.AGENT, words);
            for (String phrase : phrases) {
                List<Span> found = PhraseSearch.find(utterance, phrase);
                if (!found.isEmpty() && reported.add(phrase)) {
                    heard.add(new Heard(phrase, found.get(0).start(), found.get(0).end()));
                }
            }
        }
        return heard;
    }

    @Override
    public void close() throws IOException {
        if (recognition != null) {
            recognition.close();
            recognition = null;
        }
        if (wav != null) {
            wav.close();
            wav = null;
        }
    }
}
