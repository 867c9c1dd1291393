package org.hotline12333.call;

/** How a caller's time in the queue ended. */
public enum CallOutcome {
    /** An agent answered and talked with the caller. */
    ANSWERED,
    /** The caller hung up while waiting (or while an agent's phone was ringing). */
    ABANDONED,
    /** The caller chose to be called back instead of waiting. */
    CALLBACK_REQUESTED,
    /** Nobody could take the call: no agent logged in for its group and the group's overflow. */
    NOT_SERVED,
    /** A supervisor ended the call (强拆) before an agent answered it. */
    RELEASED
}
