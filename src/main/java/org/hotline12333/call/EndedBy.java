package org.hotline12333.call;

/** Who or what ended a call's session with the service. */
public enum EndedBy {
    /** The caller hung up. */
    CALLER,
    /** The service finished with the call: hung up, or handed it back to the dialplan. */
    SERVICE,
    /** A supervisor ended the call (force release, 强拆); the call's end reason says who and why. */
    SUPERVISOR,
    /** The connection to Asterisk broke without a hang-up. */
    CONNECTION_LOST,
    /** The service shut down while the call was in progress. */
    SHUTDOWN,
    /** The call was still open when the service stopped unexpectedly; closed at the next start. */
    RESTART
}
