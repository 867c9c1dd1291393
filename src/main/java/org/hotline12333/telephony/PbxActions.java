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

    /**
     * As {@link #originateToExtension}, the new channel getting {@code channelId} as its unique id (Originate's
     * ChannelId), so that its {@link PbxEvent.OriginateFailed} can be told apart.
     */
    default void originateToExtension(String node, String endpoint, String context, String extension, String callerId,
                                      Duration ringTimeout, Map<String, String> variables, String channelId) {
        throw new PbxActionException("originating with a channel id is not supported by " + getClass().getSimpleName());
    }

    /** Rings {@code endpoint}; once it answers, runs a dialplan application on it. */
    void originateToApplication(String node, String endpoint, String application, String data, String callerId,
                                Duration ringTimeout, Map<String, String> variables);

    /** Rings a supervisor's endpoint and, once answered, lets them listen to, whisper to or barge into a channel. */
    void spy(String node, String supervisorEndpoint, String spiedChannel, SpyMode mode);

    /**
     * As {@link #spy(String, String, String, SpyMode)}, and the supervisor's new channel gets {@code spyChannelId} as
     * its unique id (Originate's ChannelId), so it can be found later: to change the mode
     * ({@link #receiveDtmf}: 4 listen, 5 whisper, 6 barge) or to hang it up.
     */
    default void spy(String node, String supervisorEndpoint, String spiedChannel, SpyMode mode, String spyChannelId) {
        throw new PbxActionException("spying with a channel id is not supported by " + getClass().getSimpleName());
    }

    /**
     * Rings a supervisor's endpoint and, once answered, barges into the caller's own channel (ChanSpy options
     * {@code qEB}): both sides hear the supervisor. Unlike {@link #spy} on the agent's leg, the supervisor's channel
     * stays when the agent's leg goes, so the caller can then be bridged with it: how a supervisor takes a call over
     * (接管; checked on Asterisk 22.10). The channel gets {@code spyChannelId} as its unique id.
     */
    default void bargeOnCaller(String node, String supervisorEndpoint, String callerChannel, String spyChannelId) {
        throw new PbxActionException("barging on a caller is not supported by " + getClass().getSimpleName());
    }

    /**
     * Makes Asterisk act as if the phone on {@code channel} had pressed {@code digit} (AMI PlayDTMF with
     * {@code Receive: true}): the application running on the channel (ChanSpy, say) reads the key.
     */
    default void receiveDtmf(String node, String channel, char digit) {
        throw new PbxActionException("DTMF is not supported by " + getClass().getSimpleName());
    }

    /** Sends a channel (and the channel bridged to it, when given) to another place in the dialplan. */
    void redirect(String node, String channel, String extraChannel, String context, String extension);

    void hangup(String node, String channel);

    /**
     * Starts an attended transfer as if the agent on {@code transfererChannel} had pressed the transfer key: the
     * other party is held while the agent talks to {@code extension@context}; when the agent hangs up, the other party
     * is bridged with the target (Asterisk's AMI Atxfer; needs an {@code atxfer} code in features.conf and the agent's
     * leg dialled with option {@code t}). Asterisk accepts the action whether or not the transfer starts: that it did
     * shows in the events ({@link PbxEvent.ChannelHeld}, the Local channel to the target).
     */
    default void attendedTransfer(String node, String transfererChannel, String context, String extension) {
        throw new PbxActionException("attended transfer is not supported by " + getClass().getSimpleName());
    }

    /** Gives up an attended transfer in consultation: the agent gets the other party back (AMI CancelAtxfer). */
    default void cancelAttendedTransfer(String node, String transfererChannel) {
        throw new PbxActionException("attended transfer is not supported by " + getClass().getSimpleName());
    }

    /**
     * Starts MixMonitor on a channel over AMI. Not used by the service (calls are recorded from their own AGI
     * session): the AMI MixMonitor action needs write class {@code system}, which docker/asterisk/manager.conf does
     * not grant (docs/security.md).
     */
    void startRecording(String node, String channel, RecordingFiles files);

    void stopRecording(String node, String channel);
}
