package org.hotline12333.routing;

import java.util.concurrent.CompletableFuture;

/**
 * One attended transfer of a waiter's call, from the agent's request until Asterisk reports it done or over: what
 * is known of it comes from AMI events only. Its fields are written by the AMI events thread and read by the desk's
 * and the caller's threads.
 */
final class Consultation {

    final String fromAgent;
    final String toAgent;
    final long leg;
    /** The channel Asterisk dials the target through: {@code Local/<extension>@<context>-}. */
    final String localPrefix;
    /** The transferring agent's channel, on hold while they consult. */
    final String agentChannel;
    /** Completed when Asterisk shows the consultation started: the agent on hold, or the Local channel created. */
    final CompletableFuture<Void> started = new CompletableFuture<>();
    volatile String localDialler;
    volatile String targetChannel;
    volatile boolean targetAnswered;
    volatile boolean transferred;
    volatile boolean cancelRequested;

    Consultation(String fromAgent, String toAgent, long leg, String context, String extension, String agentChannel) {
        this.fromAgent = fromAgent;
        this.toAgent = toAgent;
        this.leg = leg;
        this.localPrefix = "Local/" + extension + "@" + context + "-";
        this.agentChannel = agentChannel;
    }

    boolean throughLocal(String channel) {
        return channel != null && channel.startsWith(localPrefix);
    }
}
