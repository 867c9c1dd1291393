package org.hotline12333.speech;

import java.util.List;

/**
 * Speech analytics proposes a one-vote veto (一票否决) for a call, e.g. because the agent said a forbidden phrase.
 * It is only a proposal: a supervisor must confirm it before it sets the call's score to zero.
 *
 * @param evidence the findings behind it, with their offsets in the recording
 */
public record VetoProposed(String callId, String recordingId, String reason, List<Finding> evidence) {

    public VetoProposed {
        evidence = List.copyOf(evidence);
    }
}
