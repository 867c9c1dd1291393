package org.hotline12333.telephony;

/** Asterisk's DIALSTATUS values; UNKNOWN when Asterisk reported something else or nothing. */
public enum DialStatus {
    ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, DONTCALL, TORTURE, INVALIDARGS, UNKNOWN;

    public static DialStatus of(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
