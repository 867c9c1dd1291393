package org.hotline12333.speech;

import java.util.List;

/**
 * The real Vosk model, loaded once for the whole test run (it takes seconds and a few hundred MB of native memory)
 * and shared by every test that needs it; closed when the JVM ends. A service under test gets it through
 * {@link #recognizer()}, a port that is not a lifecycle bean, so closing a service leaves the model loaded.
 */
final class SharedModel {

    private static VoskRecognizer vosk;

    private SharedModel() {
    }

    /** The loaded model, or the test is skipped with the reason when there is none. */
    static synchronized VoskRecognizer vosk() {
        VoskTestModel.require();
        if (vosk == null) {
            vosk = VoskTestModel.load();
            VoskRecognizer loaded = vosk;
            Runtime.getRuntime().addShutdownHook(new Thread(loaded::stop, "shared-vosk-model-close"));
        }
        return vosk;
    }

    /** The shared model as a service's recognizer (register it with {@link SpeechServices#start}). */
    static SpeechRecognizer recognizer() {
        return new Delegate(vosk());
    }

    /** The port in front of the shared model. */
    static final class Delegate implements SpeechRecognizer {

        private final SpeechRecognizer model;

        private Delegate(SpeechRecognizer model) {
            this.model = model;
        }

        @Override
        public ModelStatus status() {
            return model.status();
        }

        @Override
        public Recognition start(int sampleRate, List<String> phrases, String source) {
            return model.start(sampleRate, phrases, source);
        }
    }
}
