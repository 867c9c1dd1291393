package org.hotline12333.speech;

/** What speech analytics noticed in a call. */
public enum FindingKind {
    /** The agent said a forbidden phrase (服务忌语); proposes a veto a supervisor must confirm. */
    FORBIDDEN_PHRASE,
    /** The agent greeted the caller at the start (来有迎声). */
    GREETING,
    /** No greeting within the opening window of the agent's speech. */
    GREETING_MISSING,
    /** The agent closed the call properly at the end (走有送声). */
    CLOSING,
    /** No closing phrase within the closing window of the agent's speech. */
    CLOSING_MISSING,
    /** The agent spoke faster than the comfortable range. */
    SPEECH_TOO_FAST,
    /** The agent spoke slower than the comfortable range. */
    SPEECH_TOO_SLOW,
    /** Nobody spoke for longer than the configured limit in the middle of the call. */
    LONG_SILENCE,
    /** Both sides spoke at once for longer than the configured limit; the speaker is the one who started second. */
    TALK_OVER
}
