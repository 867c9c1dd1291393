package org.hotline12333.telephony;

import java.time.Duration;
import java.util.Map;

/**
 * Commands to an Asterisk node outside a call's own session, carried over AMI. Each waits at most the configured
 * action timeout and throws {@link PbxActionException} saying which node and what went wrong.
 */
public interface PbxActions {

    /**
     * Rings {@code endpoint} ({@code PJSIP/2001}); once it answers, it continues at context/extension/priority 1.
     * Returns when Asterisk has queued the call, not when it is answered.
     */
    void originateToExtension(String node, String endpoint, String context, String extension, String callerId,
                              Duration ringTimeout, Map<String, String> variables);

    /** Rings {@code endpoint}; once it answers, runs a dialplan application on it. */
    void originateToApplication(String node, String endpoint, String application, String data, String callerId,
                                Duration ringTimeout, Map<String, String> variables);

    /** Rings a supervisor's endpoint and, once answered, lets them listen to, whisper to or barge into a channel. */
    void spy(String node, String supervisorEndpoint, String spiedChannel, SpyMode mode);

    /** Sends a channel (and the channel bridged to it, when given) to another place in the dialplan. */
    void redirect(String node, String channel, String extraChannel, String context, String extension);

    void hangup(String node, String channel);

    /**
     * Starts an attended transfer as if the agent on {@code transfererChannel} had pressed the transfer key: the
     * other party is held while the agent talks to {@code extension@context}; when the agent hangs up, the other party
     * is bridged with the target (Asterisk's AMI Atxfer; needs an {@code atxfer} code in features.conf).
     */
    default void attendedTransfer(String node, String transfererChannel, String context, String extension) {
        throw new PbxActionException("attended transfer is not supported by " + getClass().getSimpleName());
    }

    void startRecording(String node, String channel, RecordingFiles files);

    void stopRecording(String node, String channel);
}
