package org.hotline12333.quality;

import java.util.List;

/**
 * A supervisor's score of a call, as sent to {@code POST /api/quality/calls/{callId}/score}.
 *
 * @param scorecard the scorecard's id; none: the configured one ({@code hotline.quality.scorecard})
 * @param version   its version; none: the latest
 * @param items     a rating for every item of the card
 * @param vetoes    the veto items that apply, and a decision on every veto speech analytics proposed; veto items
 *                  not listed do not apply
 * @param comment   what the supervisor wants the agent to know
 */
record ScoreRequest(String scorecard, Integer version, List<ItemRating> items, List<VetoDecision> vetoes,
                    String comment) {

    ScoreRequest {
        items = items == null ? List.of() : List.copyOf(items);
        vetoes = vetoes == null ? List.of() : List.copyOf(vetoes);
    }

    /** On a prefilled entry: keep speech analytics' proposal, or put the supervisor's own judgement in its place. */
    enum Decision {
        CONFIRM, OVERRULE
    }

    /**
     * @param rating   0 to the item's scale; may be left out when confirming a proposal
     * @param decision required on an item speech analytics prefilled, not allowed on others
     */
    record ItemRating(String code, Integer rating, Decision decision) {
    }

    /**
     * @param applied  whether the veto applies; may be left out on a decision (confirming keeps the proposal,
     *                 overruling reverses it)
     * @param decision required on a veto speech analytics proposed, not allowed on others
     * @param note     what happened, and when in the recording: required for a veto a person applies and for
     *                 overruling a proposal
     */
    record VetoDecision(String code, Boolean applied, Decision decision, String note) {
    }
}
