package org.hotline12333.routing;

import java.time.Instant;

/**
 * A supervisor's intercept (接管) or force release (强拆) of a call was carried out ({@code done}) or could not be.
 * An intercept is reported done when the agent has dropped out and the caller is being bridged with the
 * supervisor, and reported again, not done, if the supervisor's channel was gone by then.
 *
 * @param agent  the agent who had the call (null: nobody had answered yet)
 * @param as     for an intercept, who the call record names as the call's agent from then on
 * @param detail what happened, in words
 */
public record CallTakeover(String callId, Kind kind, String supervisor, String agent, String as, boolean done,
                           String detail, Instant at) {

    public enum Kind { INTERCEPT, RELEASE }
}
