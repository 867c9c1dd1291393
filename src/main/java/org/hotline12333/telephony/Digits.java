package org.hotline12333.telephony;

/**
 * Keys a caller pressed.
 *
 * @param digits   the keys, without the terminator
 * @param timedOut whether input ended because the caller stopped pressing keys
 */
public record Digits(String digits, boolean timedOut) {

    public boolean isEmpty() {
        return digits.isEmpty();
    }
}
