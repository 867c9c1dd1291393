package org.hotline12333.telephony;

/** The call can no longer be talked to: the caller hung up, or the connection to Asterisk broke. */
public class CallGoneException extends RuntimeException {

    private final boolean callerHungUp;

    public CallGoneException(boolean callerHungUp, String message) {
        super(message);
        this.callerHungUp = callerHungUp;
    }

    /** True when Asterisk reported a hang-up; false when the connection itself was lost. */
    public boolean callerHungUp() {
        return callerHungUp;
    }
}
