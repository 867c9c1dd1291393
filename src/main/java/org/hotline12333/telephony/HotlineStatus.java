package org.hotline12333.telephony;

/**
 * What the service leaves in the channel variable {@code HOTLINE_STATUS} for the dialplan when a session ends.
 * Anything but DONE (including no value at all, when the service was unreachable) makes the dialplan's fallback
 * put the caller through to people directly.
 */
public enum HotlineStatus {
    /** The service handled the call completely; the dialplan hangs up. */
    DONE,
    /** The service could not handle the call; the dialplan's fallback takes over. */
    FALLBACK,
    /** The service is at capacity; the dialplan's fallback takes over. */
    BUSY;

    public static final String VARIABLE = "HOTLINE_STATUS";
}
