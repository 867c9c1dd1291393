package org.hotline12333.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hotline12333.quality.ScoreRequest.Decision;
import org.hotline12333.quality.ScoreRequest.ItemRating;
import org.hotline12333.quality.ScoreRequest.VetoDecision;
import org.hotline12333.quality.Scorecard.Item;
import org.hotline12333.quality.Scorecard.Veto;

/**
 * Turns a supervisor's ratings and decisions into a score against one scorecard version: each item gives
 * weight × rating / scale points (two decimals, half up), the points add up, and any applied veto makes the total
 * 0. Everything wrong with the request is said at once.
 */
final class ScoreSheet {

    private ScoreSheet() {
    }

    /** What the supervisor decided on speech analytics' proposal. */
    enum Outcome {
        CONFIRMED, OVERRULED
    }

    /**
     * @param rating   0..scale
     * @param points   weight × rating / scale
     * @param proposal speech analytics' proposal, or null when the item was not prefilled
     * @param outcome  the decision on the proposal, or null
     */
    record ScoredItem(String code, String name, BigDecimal weight, int scale, int rating, BigDecimal points,
                      Proposal proposal, Outcome outcome) {
    }

    /** @param note the supervisor's note, or the evidence of a confirmed proposal */
    record ScoredVeto(String code, String name, boolean applied, Proposal proposal, Outcome outcome, String note) {
    }

    /**
     * @param points the items' points added up
     * @param total  the call's score: 0 when a veto applies, the points otherwise
     */
    record Result(List<ScoredItem> items, List<ScoredVeto> vetoes, BigDecimal points, BigDecimal total,
                  boolean vetoed) {
    }

    static Result score(Scorecard card, Map<String, Proposal> proposals, ScoreRequest request) {
        List<String> problems = new ArrayList<>();
        Map<String, ItemRating> ratings = byCode(request.items(), ItemRating::code, "items", card, problems);
        Map<String, VetoDecision> decisions = byCode(request.vetoes(), VetoDecision::code, "vetoes", card, problems);
        List<ScoredItem> items = new ArrayList<>();
        for (Item item : card.items()) {
            ItemRating rating = ratings.get(item.code());
            Proposal proposal = proposals.get(item.code());
            if (rating == null && proposal == null) {
                problems.add("item " + item.code() + " (" + item.name() + ") is not rated");
            } else {
                item(item, rating == null ? new ItemRating(item.code(), null, null) : rating, proposal, problems,
                        items);
            }
        }
        List<ScoredVeto> vetoes = new ArrayList<>();
        for (Veto veto : card.vetoes()) {
            veto(veto, decisions.get(veto.code()), proposals.get(veto.code()), problems, vetoes);
        }
        if (!problems.isEmpty()) {
            throw Problems.badRequest(String.join("; ", problems));
        }
        BigDecimal points = items.stream().map(ScoredItem::points).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(Points.SCALE);
        boolean vetoed = vetoes.stream().anyMatch(ScoredVeto::applied);
        return new Result(items, vetoes, points, vetoed ? BigDecimal.ZERO.setScale(Points.SCALE) : points, vetoed);
    }

    private static void item(Item item, ItemRating given, Proposal proposal, List<String> problems,
                             List<ScoredItem> items) {
        String what = "item " + item.code();
        Integer rating = given.rating();
        Outcome outcome = null;
        if (proposal == null) {
            if (given.decision() != null) {
                problems.add(what + " was not prefilled by speech analytics: there is nothing to confirm or overrule");
                return;
            }
        } else if (given.decision() == null) {
            problems.add(what + " was prefilled by speech analytics with rating " + proposal.rating() + " ("
                    + proposal.evidence() + "): confirm or overrule it");
            return;
        } else if (given.decision() == Decision.CONFIRM) {
            if (rating != null && !rating.equals(proposal.rating())) {
                problems.add(what + ": confirming keeps the proposed rating " + proposal.rating()
                        + "; to give " + rating + " overrule it");
                return;
            }
            rating = proposal.rating();
            outcome = Outcome.CONFIRMED;
        } else {
            if (rating != null && rating.equals(proposal.rating())) {
                problems.add(what + ": overruling needs a rating other than the proposed " + proposal.rating());
                return;
            }
            outcome = Outcome.OVERRULED;
        }
        if (rating == null || rating < 0 || rating > item.scale()) {
            problems.add(what + ": a rating from 0 to " + item.scale() + " is required");
            return;
        }
        items.add(new ScoredItem(item.code(), item.name(), item.weight(), item.scale(), rating,
                Points.of(item.weight(), rating, item.scale()), proposal, outcome));
    }

    private static void veto(Veto veto, VetoDecision given, Proposal proposal, List<String> problems,
                             List<ScoredVeto> vetoes) {
        String what = "veto " + veto.code();
        String note = given == null ? null : QualityUsers.given(given.note());
        if (proposal == null) {
            if (given != null && given.decision() != null) {
                problems.add(what + " was not proposed by speech analytics: there is nothing to confirm or overrule");
            } else if (given != null && given.applied() == null) {
                problems.add(what + ": say whether it applies (applied: true or false)");
            } else if (given != null && given.applied() && note == null) {
                problems.add(what + " (" + veto.name() + ") makes the score 0: a note saying what happened is required");
            } else {
                vetoes.add(new ScoredVeto(veto.code(), veto.name(), given != null && given.applied(), null, null, note));
            }
            return;
        }
        if (given == null || given.decision() == null) {
            problems.add(what + " was proposed by speech analytics (" + proposal.evidence()
                    + "): confirm or overrule it");
            return;
        }
        boolean applied = given.decision() == Decision.CONFIRM ? proposal.applied() : !proposal.applied();
        if (given.applied() != null && given.applied() != applied) {
            problems.add(what + ": " + given.decision().name().toLowerCase() + " means applied: " + applied);
        } else if (given.decision() == Decision.OVERRULE && note == null) {
            problems.add(what + ": overruling speech analytics needs a note saying why");
        } else {
            Outcome outcome = given.decision() == Decision.CONFIRM ? Outcome.CONFIRMED : Outcome.OVERRULED;
            vetoes.add(new ScoredVeto(veto.code(), veto.name(), applied, proposal, outcome,
                    note != null ? note : proposal.evidence()));
        }
    }

    private static <T> Map<String, T> byCode(List<T> given, Function<T, String> code,
                                              String field, Scorecard card, List<String> problems) {
        Map<String, T> byCode = new HashMap<>();
        for (T entry : given) {
            String c = entry == null ? null : code.apply(entry);
            boolean known = "items".equals(field) ? card.item(c).isPresent() : card.veto(c).isPresent();
            if (c == null || !known) {
                problems.add(field + ": '" + c + "' is not on scorecard " + card.id() + " version " + card.version());
            } else if (byCode.put(c, entry) != null) {
                problems.add(field + ": '" + c + "' is given twice");
            }
        }
        return byCode;
    }
}
