package org.hotline12333.quality;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline12333.quality.Scorecard.Item;
import org.hotline12333.quality.Scorecard.SpeechCheck;
import org.hotline12333.quality.Scorecard.Veto;

/**
 * What speech analytics proposes for one scorecard entry: a rating for an item, or a veto to apply. A supervisor
 * confirms or overrules each.
 *
 * @param rating   for an item: the proposed rating
 * @param applied  for a veto: whether to apply it
 * @param evidence what it is based on, for a person to check against the recording
 */
record Proposal(String code, Integer rating, Boolean applied, String evidence) {

    /** The proposals the card's entries get from what speech analytics found, by entry code. */
    static Map<String, Proposal> from(Scorecard card, SpeechFacts.Facts facts) {
        Map<String, Proposal> proposals = new LinkedHashMap<>();
        if (facts == null) {
            return proposals;
        }
        for (Item item : card.items()) {
            if (item.speech() == SpeechCheck.SPEECH_RATE && facts.speechRate() != null) {
                int rating = "OK".equals(facts.speechRate()) ? item.scale() : 0;
                proposals.put(item.code(), new Proposal(item.code(), rating, null, facts.speechRateDetail()));
            } else if (item.speech() == SpeechCheck.COURTESY && facts.greeting() != null && facts.closing() != null) {
                int said = (facts.greeting() ? 1 : 0) + (facts.closing() ? 1 : 0);
                proposals.put(item.code(), new Proposal(item.code(), item.scale() * said / 2, null,
                        (facts.greeting() ? "greeting " : "no greeting: ") + facts.greetingDetail() + "; "
                                + (facts.closing() ? "closing " : "no closing: ") + facts.closingDetail()));
            }
        }
        for (Veto veto : card.vetoes()) {
            if (veto.speech() == SpeechCheck.FORBIDDEN_PHRASE && facts.vetoProposed()) {
                proposals.put(veto.code(), new Proposal(veto.code(), null, true, facts.vetoEvidence()));
            }
        }
        return proposals;
    }
}
