package org.hotline12333.routing;

import java.time.Duration;
import java.util.Optional;

/**
 * A callback's own call, for the feature that runs it over FastAGI (outreach's handler of {@code callback?id=N}): the
 * agent's phone was rung by Originate and answered; the handler records the call and dials the citizen with
 * {@link DialledCallback#dialString()}, a dial string routing built from a checked number.
 */
public interface CallbackCalls {

    /** The callback whose agent was rung (status DIALLED), if {@code id} names one. */
    Optional<DialledCallback> dialled(long id);

    /** The callback's call reached the service: its Call record. */
    void connected(long id, String callId);

    /** The callback's call is over; publishes {@link CallbackEnded}. */
    void ended(long id, String callId, boolean answered, String outcome);

    /**
     * @param originCallId the call the callback was asked on (the queue's caller, the case's first call)
     * @param reference    what it is about (a case number), or null
     */
    record DialledCallback(long id, String originCallId, String number, String agent, String reference,
                           String dialString, String callerId, Duration ringTimeout) {
    }
}
