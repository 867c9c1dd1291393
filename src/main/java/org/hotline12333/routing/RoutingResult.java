package org.hotline12333.routing;

/**
 * How a caller's time with routing ended.
 *
 * @param agent            the agent's work number (工号) when the caller talked to one, else null
 * @param agentHungUpFirst true when the agent ended the conversation and the caller is still on the line, so the
 *                         satisfaction survey can follow
 */
public record RoutingResult(Outcome outcome, String agent, boolean agentHungUpFirst) {

    public enum Outcome {
        /** The caller talked to an agent. */
        TALKED,
        /** The caller hung up while waiting. */
        ABANDONED,
        /** The caller chose to be called back; the callback is stored. */
        CALLBACK_REQUESTED,
        /** Nobody could take the call (e.g. no agent logged in for the group and its overflow). */
        NOT_SERVED,
        /** A supervisor ended the call (强拆): the caller heard the apology and was hung up. */
        RELEASED
    }
}
