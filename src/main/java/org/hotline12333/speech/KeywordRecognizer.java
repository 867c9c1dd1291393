package org.hotline12333.speech;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Recognizes which of a few keywords a caller said, for speech navigation in the IVR. The recognizer is limited
 * to the keywords given (a grammar), so "医保" is not mistaken for free text.
 */
public interface KeywordRecognizer {

    /** Whether a speech model is loaded; when not, the IVR offers keys only. */
    boolean available();

    /**
     * @param audio    the caller's answer, as recorded by Asterisk (8 kHz mono WAV)
     * @param keywords the phrases this menu accepts
     * @return the keyword heard and how sure the recognizer is, or empty when it heard none of them
     */
    Optional<KeywordMatch> recognize(Path audio, List<String> keywords);

    record KeywordMatch(String keyword, double confidence) {
    }
}
