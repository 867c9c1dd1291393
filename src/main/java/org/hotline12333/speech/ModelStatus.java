package org.hotline12333.speech;

/**
 * Whether speech features are on.
 *
 * @param model  the model's name (its folder's name), when one is configured
 * @param reason why speech is off or not yet on; empty when ready
 */
record ModelStatus(State state, String model, String reason) {

    enum State {
        /** The model is being loaded; transcription starts when it is ready. */
        LOADING,
        /** The model is loaded: transcription and keyword recognition work. */
        READY,
        /** No usable model: speech features are off, everything else works. */
        OFF
    }

    static ModelStatus off(String model, String reason) {
        return new ModelStatus(State.OFF, model, reason);
    }

    boolean ready() {
        return state == State.READY;
    }
}
