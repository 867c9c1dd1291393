package org.hotline12333.routing;

import org.hotline12333.telephony.CallChannel;

/**
 * Puts a caller through to an agent: the IVR hands over a call it has answered, and gets it back when the
 * conversation with the agent is over (or the caller gave up, or asked to be called back). All waiting happens
 * inside: music on hold, position and wait announcements, the callback offer, overflow, ring-no-answer.
 */
public interface CallRouting {

    RoutingResult connect(CallChannel call, RouteRequest request);

    /**
     * Stores a request to call this number back when an agent of the group is free (e.g. taken by the IVR outside
     * opening hours); it is dialled out later like any callback. False, and nothing stored, when the number cannot be
     * dialled ({@link DialStrings#outsideNumber}: a withheld or garbled caller ID, say).
     */
    boolean requestCallback(String callId, String number, String skillGroup);

    /**
     * Stores a callback for one agent ({@code agent}, e.g. a case's owner telling the caller of a department's reply),
     * offered to them until {@code agentUntil}, then to anyone of the group; {@code reference} says what it is about
     * (a case number) and comes back with {@link CallbackEnded}. False, and nothing stored, for a number that cannot be
     * dialled.
     */
    boolean requestCallback(String callId, String number, String skillGroup, String agent,
                            java.time.Instant agentUntil, String reference);

    /** For script validation: whether a skill group with this code is configured. */
    boolean skillGroupExists(String skillGroup);

    /** For script validation: whether a post (岗位) with this code is configured. */
    boolean postExists(String post);
}
