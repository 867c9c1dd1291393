package org.hotline12333.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
    /** Streams hold the read lock while they use the model; closing the model takes the write lock. */
    private final ReadWriteLock use = new ReentrantReadWriteLock();
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
        Lock reading = use.readLock();
        reading.lock();
        try {
            if (model == null) {
                throw new IllegalStateException("no speech model loaded: " + status.reason());
            }
            Recognizer recognizer = phrases.isEmpty() ? new Recognizer(model, sampleRate)
                    : new Recognizer(model, sampleRate, grammar(phrases));
            recognizer.setWords(true);
            return new VoskRecognition(recognizer, reading);
        } catch (IOException | RuntimeException e) {
            reading.unlock();
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
            use.writeLock().lock();
            try {
                if (!running) {
                    loaded.close();
                    return;
                }
                model = loaded;
                status = new ModelStatus(ModelStatus.State.READY, status.model(), "");
            } finally {
                use.writeLock().unlock();
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
        use.writeLock().lock();
        try {
            if (model != null) {
                model.close();
                model = null;
            }
            if (status.state() != ModelStatus.State.OFF) {
                status = ModelStatus.off(status.model(), "the service is stopping");
            }
        } finally {
            use.writeLock().unlock();
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
        private final Lock reading;
        private boolean closed;

        VoskRecognition(Recognizer recognizer, Lock reading) {
            this.recognizer = recognizer;
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
                recognizer.close();
                reading.unlock();
            }
        }
    }
}
