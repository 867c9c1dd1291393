package org.hotline12333.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import org.hotline12333.StartStopOrder;
import org.hotline12333.speech.Transcript.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Vosk adapter: loads the model once, in the background at start, and makes a Vosk recognizer per stream. The
 * only code that needs a model. Without a usable one, speech is off: this says why, once, in the log and in
 * {@link #status()}, and nothing else is affected.
 */
@Component
class VoskRecognizer implements SpeechRecognizer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VoskRecognizer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String UNKNOWN_WORD = "[unk]";

    private final Path modelPath;
    /**
     * Streams hold a read lock while they use the model; closing the model takes the write lock. A stamped lock,
     * because a stream may be closed by another thread than the one that started it (the live watch's threads take
     * turns), and its locks belong to no thread.
     */
    private final StampedLock use = new StampedLock();
    private volatile ModelStatus status;
    private volatile boolean running;
    private Model model;

    VoskRecognizer(SpeechProperties properties) {
        this.modelPath = properties.modelPath();
        this.status = checkFolder();
        if (status.state() == ModelStatus.State.OFF) {
            log.warn("Speech features are off: {}. Calls, recordings and the IVR by keys work as usual; see "
                    + "docs/speech.md to install a model.", status.reason());
        }
    }

    @Override
    public ModelStatus status() {
        return status;
    }

    @Override
    public Recognition start(int sampleRate, List<String> phrases, String source) {
        long reading = use.readLock();
        try {
            if (model == null) {
                throw new IllegalStateException("no speech model loaded: " + status.reason());
            }
            Recognizer recognizer = phrases.isEmpty() ? new Recognizer(model, sampleRate)
                    : new Recognizer(model, sampleRate, grammar(phrases));
            recognizer.setWords(true);
            return new VoskRecognition(recognizer, use, reading);
        } catch (IOException | RuntimeException e) {
            use.unlockRead(reading);
            throw new IllegalStateException("Vosk could not start recognizing " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        running = true;
        status = checkFolder();
        if (status.state() == ModelStatus.State.LOADING) {
            Thread loader = new Thread(this::load, "speech-model-loader");
            loader.setDaemon(true);
            loader.start();
        }
    }

    private void load() {
        long started = System.nanoTime();
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            Model loaded = new Model(modelPath.toString());
            long writing = use.writeLock();
            try {
                if (!running) {
                    loaded.close();
                    return;
                }
                model = loaded;
                status = new ModelStatus(ModelStatus.State.READY, status.model(), "");
            } finally {
                use.unlockWrite(writing);
            }
            log.info("Speech model {} loaded in {} ms", status.model(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException | LinkageError e) {
            status = ModelStatus.off(status.model(), "Vosk could not load the model in " + modelPath + " ("
                    + e.getMessage() + ")");
            log.warn("Speech features are off: {}", status.reason(), e);
        }
    }

    @Override
    public void stop() {
        running = false;
        long writing = use.writeLock();
        try {
            if (model != null) {
                model.close();
                model = null;
            }
            if (status.state() != ModelStatus.State.OFF) {
                status = ModelStatus.off(status.model(), "the service is stopping");
            }
        } finally {
            use.unlockWrite(writing);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** See {@link StartStopOrder}. */
    @Override
    public int getPhase() {
        return StartStopOrder.SPEECH_MODEL;
    }

    private ModelStatus checkFolder() {
        if (modelPath == null) {
            return ModelStatus.off(null, "no speech model configured (hotline.speech.model-path is not set)");
        }
        String name = modelPath.getFileName() == null ? modelPath.toString() : modelPath.getFileName().toString();
        if (!Files.isDirectory(modelPath)) {
            return ModelStatus.off(name, "the speech model folder " + modelPath
                    + " (hotline.speech.model-path) does not exist");
        }
        if (!Files.isRegularFile(modelPath.resolve("am/final.mdl")) && !Files.isRegularFile(modelPath.resolve("final.mdl"))) {
            return ModelStatus.off(name, modelPath + " (hotline.speech.model-path) holds no Vosk model: no am/final.mdl "
                    + "in it; point it at the unpacked model's own folder, e.g. .../vosk-model-small-cn-0.22");
        }
        return new ModelStatus(ModelStatus.State.LOADING, name, "loading the model from " + modelPath);
    }

    /**
     * A Vosk grammar for the phrases: each as given and character by character, since a Chinese model's
     * vocabulary may hold a phrase only as separate characters; anything else is heard as {@code [unk]}.
     */
    static String grammar(List<String> phrases) {
        List<String> entries = new ArrayList<>();
        for (String phrase : phrases) {
            String compact = phrase.replaceAll("\\s+", "");
            entries.add(compact);
            entries.add(String.join(" ", compact.split("")));
        }
        entries.add(UNKNOWN_WORD);
        return JSON.writeValueAsString(entries.stream().distinct().toList());
    }

    /** Vosk's result JSON ({@code {"result":[{"word","start","end","conf"}...],"text"}}) as a segment. */
    static List<Segment> segments(String result) {
        List<Word> words = new ArrayList<>();
        for (JsonNode word : JSON.readTree(result).path("result")) {
            String text = word.path("word").asString();
            if (!text.isBlank() && !UNKNOWN_WORD.equals(text)) {
                words.add(new Word(text, word.path("start").asDouble(), word.path("end").asDouble(),
                        word.path("conf").asDouble(1.0)));
            }
        }
        return words.isEmpty() ? List.of() : List.of(new Segment(words));
    }

    private static final class VoskRecognition implements Recognition {

        private final Recognizer recognizer;
        private final StampedLock use;
        private final long reading;
        private boolean closed;

        VoskRecognition(Recognizer recognizer, StampedLock use, long reading) {
            this.recognizer = recognizer;
            this.use = use;
            this.reading = reading;
        }

        @Override
        public List<Segment> accept(byte[] pcm, int length) {
            return recognizer.acceptWaveForm(pcm, length) ? segments(recognizer.getResult()) : List.of();
        }

        @Override
        public List<Segment> finish() {
            return segments(recognizer.getFinalResult());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                try {
                    recognizer.close();
                } finally {
                    use.unlockRead(reading);
                }
            }
        }
    }
}
