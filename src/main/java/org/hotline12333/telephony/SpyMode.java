package org.hotline12333.telephony;

/** How a supervisor joins an agent's call. */
public enum SpyMode {
    /** Hears both sides; nobody hears the supervisor. */
    LISTEN,
    /** Hears both sides; only the agent hears the supervisor (提醒). */
    WHISPER,
    /** Hears both sides and both hear the supervisor. */
    BARGE
}
