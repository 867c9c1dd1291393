package org.hotline12333.telephony;

import java.time.Duration;

/**
 * How to collect keys after a prompt.
 *
 * @param timeout    how long to wait for the first key after the prompt, and between keys
 * @param maxDigits  collection stops once this many keys are in
 * @param terminator a key that ends the input early and is not part of it ('#' usually), or 0 for none
 */
public record DigitRequest(Duration timeout, int maxDigits, char terminator) {

    public DigitRequest {
        if (maxDigits < 1) {
            throw new IllegalArgumentException("maxDigits must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (terminator != 0 && "0123456789*#".indexOf(terminator) < 0) {
            throw new IllegalArgumentException("terminator must be a DTMF key");
        }
    }

    public static DigitRequest upTo(int maxDigits, Duration timeout) {
        return new DigitRequest(timeout, maxDigits, '#');
    }
}
