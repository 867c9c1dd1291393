package org.hotline12333.telephony;

/** Asterisk refused or did not understand what the service asked. */
public class TelephonyException extends RuntimeException {

    public TelephonyException(String message) {
        super(message);
    }

    public TelephonyException(String message, Throwable cause) {
        super(message, cause);
    }
}
