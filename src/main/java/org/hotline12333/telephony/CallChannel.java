package org.hotline12333.telephony;

import java.time.Duration;
import java.util.Optional;

/**
 * One call in progress, as the domain sees it. Every method talks to Asterisk and waits for its answer.
 * When the caller has hung up, any method throws {@link CallGoneException}.
 *
 * <p>Prompts are named without extension; a plain name ({@code welcome}) is looked up among the hotline's own
 * prompts, a name with a slash ({@code digits/1}) is used as Asterisk's sound path unchanged.
 */
public interface CallChannel {

    CallInfo info();

    void answer();

    /** Plays a prompt. A key in {@code escapeDigits} pressed during it stops it and is returned (barge-in). */
    Optional<Character> play(String prompt, String escapeDigits);

    Optional<Character> sayDigits(String digits, String escapeDigits);

    Optional<Character> sayNumber(long number, String escapeDigits);

    /**
     * Waits up to {@code timeout} for one key, with whatever the channel is playing (music on hold) going on. Only
     * a key pressed while this runs is heard: Asterisk drops keys pressed between commands.
     */
    Optional<Character> waitForKey(Duration timeout);

    /** Plays a prompt and collects keys; see {@link DigitRequest} for the rules. */
    Digits collectDigits(String prompt, DigitRequest request);

    /**
     * Records what the caller says (for speech navigation), until they are silent for {@code silence}, press a key
     * in {@code escapeDigits}, or {@code maxDuration} passes.
     *
     * @param file path of the recording on the Asterisk node, without extension; written as WAV
     * @return the key that ended it, if one did
     */
    Optional<Character> recordUtterance(String file, Duration maxDuration, Duration silence, String escapeDigits);

    /** A channel variable or dialplan function, or null when it is not set. */
    String getVariable(String name);

    void setVariable(String name, String value);

    /** Dials an endpoint ({@code PJSIP/1001}) and returns once that leg has ended or failed to connect. */
    DialResult dial(String endpoint, Duration ringTimeout, String dialOptions);

    /**
     * Bridges the caller with another channel that exists on the node (named, or by its unique id), the way the
     * caller's own session can after its Dial has ended (Asterisk's Bridge application; the other channel is hung up
     * when the caller leaves). Returns when the bridge ends: true when the other channel was there (the caller may
     * have hung up meanwhile: the next command says), false when it did not exist.
     */
    boolean bridge(String channel);

    /** Starts MixMonitor on this channel: the mixed call plus each direction in its own file. */
    void startRecording(RecordingFiles files);

    void stopRecording();

    void startMusicOnHold(String mohClass);

    void stopMusicOnHold();

    void hangup();

    /** Whether the caller is known to have hung up. */
    boolean isGone();
}
