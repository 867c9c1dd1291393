package org.hotline12333.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline12333.quality.ScoreRequest.Decision;
import org.hotline12333.quality.ScoreRequest.ItemRating;
import org.hotline12333.quality.ScoreRequest.VetoDecision;
import org.hotline12333.quality.Scorecard.Item;
import org.hotline12333.quality.Scorecard.SpeechCheck;
import org.hotline12333.quality.Scorecard.Veto;
import org.hotline12333.quality.ScoreSheet.Outcome;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** The arithmetic and the rules of a score against one scorecard version, without the service around it. */
class ScoreSheetTest {

    /** Weights 25/15/10/7/43 over scales 5/3/2/4/1: 100 points. */
    static final Scorecard CARD = new Scorecard("unit", 1, "unit card", List.of(
            new Item("accuracy", "准确性", null, new BigDecimal("25"), 5, null),
            new Item("completeness", "完整性", null, new BigDecimal("15"), 3, null),
            new Item("speech-rate", "语速", null, new BigDecimal("10"), 2, SpeechCheck.SPEECH_RATE),
            new Item("courtesy", "礼貌用语", null, new BigDecimal("7"), 4, SpeechCheck.COURTESY),
            new Item("policy-compliance", "政策执行", null, new BigDecimal("43"), 1, null)),
            List.of(new Veto("bad-attitude", "服务态度恶劣", null, null),
                    new Veto("forbidden-phrase", "使用服务忌语", null, SpeechCheck.FORBIDDEN_PHRASE)),
            Instant.EPOCH, "test");

    @Test
    void theScoreIsTheWeightedRatingsAddedUp() {
        ScoreSheet.Result result = ScoreSheet.score(CARD, Map.of(), request(List.of(
                rating("accuracy", 4), rating("completeness", 1), rating("speech-rate", 1), rating("courtesy", 3),
                rating("policy-compliance", 1)), List.of()));

        // 25×4/5 = 20; 15×1/3 = 5; 10×1/2 = 5; 7×3/4 = 5.25; 43×1/1 = 43
        assertThat(result.items()).extracting(ScoreSheet.ScoredItem::points).containsExactly(
                new BigDecimal("20.00"), new BigDecimal("5.00"), new BigDecimal("5.00"), new BigDecimal("5.25"),
                new BigDecimal("43.00"));
        assertThat(result.total()).isEqualByComparingTo("78.25");
        assertThat(result.vetoed()).isFalse();
    }

    @Test
    void pointsAreRoundedHalfUpToTwoDecimalsBeforeTheyAreAdded() {
        ScoreSheet.Result result = ScoreSheet.score(CARD, Map.of(), request(List.of(
                rating("accuracy", 0), rating("completeness", 2), rating("speech-rate", 0), rating("courtesy", 1),
                rating("policy-compliance", 0)), List.of()));

        // 15×2/3 = 10.00 (exactly); 7×1/4 = 1.75; total 11.75
        assertThat(result.total()).isEqualByComparingTo("11.75");
        Scorecard thirds = new Scorecard("thirds", 1, "thirds", List.of(
                new Item("a", "a", null, new BigDecimal("50"), 3, null),
                new Item("b", "b", null, new BigDecimal("50"), 3, null)), List.of(), Instant.EPOCH, "test");
        // 50×1/3 = 16.666… → 16.67, twice: 33.34 (not 33.33)
        assertThat(ScoreSheet.score(thirds, Map.of(), request(List.of(rating("a", 1), rating("b", 1)), List.of()))
                .total()).isEqualByComparingTo("33.34");
    }

    @Test
    void anAppliedVetoMakesTheScoreZeroAndKeepsThePointsItWouldHaveHad() {
        ScoreSheet.Result result = ScoreSheet.score(CARD, Map.of(), request(allFull(),
                List.of(new VetoDecision("bad-attitude", true, null, "shouted at the caller at 1:12"))));

        assertThat(result.vetoed()).isTrue();
        assertThat(result.total()).isEqualByComparingTo("0");
        assertThat(result.points()).isEqualByComparingTo("100");
        assertThat(result.vetoes()).extracting(ScoreSheet.ScoredVeto::code, ScoreSheet.ScoredVeto::applied)
                .containsExactly(tuple("bad-attitude", true),
                        tuple("forbidden-phrase", false));
    }

    @Test
    void aVetoAppliedByAPersonNeedsANoteAndEveryItemMustBeRated() {
        assertThatThrownBy(() -> ScoreSheet.score(CARD, Map.of(), request(List.of(rating("accuracy", 6),
                rating("nonsense", 1)), List.of(new VetoDecision("bad-attitude", true, null, " ")))))
                .isInstanceOf(ResponseStatusException.class)
                .satisfies(e -> assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(400))
                .hasMessageContaining("items: 'nonsense' is not on scorecard unit version 1")
                .hasMessageContaining("item accuracy: a rating from 0 to 5 is required")
                .hasMessageContaining("item completeness (完整性) is not rated")
                .hasMessageContaining("veto bad-attitude (服务态度恶劣) makes the score 0: a note saying what happened is required");
    }

    @Test
    void prefilledItemsMustBeConfirmedOrOverruledAndTheScoreSaysWhich() {
        Map<String, Proposal> proposals = Map.of(
                "speech-rate", new Proposal("speech-rate", 0, null, "the agent spoke 312 characters per minute"),
                "courtesy", new Proposal("courtesy", 2, null, "greeting 「您好」; no closing"),
                "forbidden-phrase", new Proposal("forbidden-phrase", null, true, "「不知道」 at 0:12"));

        assertThatThrownBy(() -> ScoreSheet.score(CARD, proposals, request(allFull(), List.of())))
                .hasMessageContaining("item speech-rate was prefilled by speech analytics with rating 0 "
                        + "(the agent spoke 312 characters per minute): confirm or overrule it")
                .hasMessageContaining("veto forbidden-phrase was proposed by speech analytics (「不知道」 at 0:12): "
                        + "confirm or overrule it");
        assertThatThrownBy(() -> ScoreSheet.score(CARD, proposals, request(List.of(rating("accuracy", 5),
                rating("completeness", 3), rating("policy-compliance", 1)), List.of())))
                .hasMessageContaining("item courtesy was prefilled by speech analytics with rating 2")
                .hasMessageNotContaining("is not rated");
        assertThatThrownBy(() -> ScoreSheet.score(CARD, proposals, request(List.of(rating("accuracy", 5),
                rating("completeness", 3), new ItemRating("speech-rate", 2, Decision.CONFIRM),
                new ItemRating("courtesy", 2, Decision.OVERRULE), rating("policy-compliance", 1)),
                List.of(new VetoDecision("forbidden-phrase", null, Decision.OVERRULE, null)))))
                .hasMessageContaining("item speech-rate: confirming keeps the proposed rating 0; to give 2 overrule it")
                .hasMessageContaining("item courtesy: overruling needs a rating other than the proposed 2")
                .hasMessageContaining("veto forbidden-phrase: overruling speech analytics needs a note saying why");

        ScoreSheet.Result result = ScoreSheet.score(CARD, proposals, request(List.of(rating("accuracy", 5),
                rating("completeness", 3), new ItemRating("speech-rate", null, Decision.CONFIRM),
                new ItemRating("courtesy", 4, Decision.OVERRULE), rating("policy-compliance", 1)),
                List.of(new VetoDecision("forbidden-phrase", null, Decision.OVERRULE,
                        "the caller said it; the recognizer put it on the agent's side"))));

        assertThat(result.items()).extracting(ScoreSheet.ScoredItem::code, ScoreSheet.ScoredItem::rating,
                ScoreSheet.ScoredItem::outcome).containsExactly(
                tuple("accuracy", 5, null),
                tuple("completeness", 3, null),
                tuple("speech-rate", 0, Outcome.CONFIRMED),
                tuple("courtesy", 4, Outcome.OVERRULED),
                tuple("policy-compliance", 1, null));
        assertThat(result.vetoes().get(1).applied()).isFalse();
        assertThat(result.vetoes().get(1).outcome()).isEqualTo(Outcome.OVERRULED);
        // 25 + 15 + 0 + 7 + 43
        assertThat(result.total()).isEqualByComparingTo("90");

        ScoreSheet.Result confirmed = ScoreSheet.score(CARD, proposals, request(List.of(rating("accuracy", 5),
                rating("completeness", 3), new ItemRating("speech-rate", 0, Decision.CONFIRM),
                new ItemRating("courtesy", null, Decision.CONFIRM), rating("policy-compliance", 1)),
                List.of(new VetoDecision("forbidden-phrase", null, Decision.CONFIRM, null))));
        assertThat(confirmed.total()).isEqualByComparingTo("0");
        assertThat(confirmed.vetoes().get(1).note()).isEqualTo("「不知道」 at 0:12");
    }

    @Test
    void aScorecardsWeightsMustAddUpTo100AndItsCodesBeDistinct() {
        ScorecardSpec spec = new ScorecardSpec(" ", List.of(
                new Item("accuracy", "准确性", null, new BigDecimal("60"), 5, null),
                new Item("accuracy", "again", null, new BigDecimal("30"), 0, SpeechCheck.FORBIDDEN_PHRASE)),
                List.of(new Veto("Bad Attitude", "x", null, SpeechCheck.COURTESY)));

        assertThat(spec.problems()).containsExactly(
                "name: required",
                "items[1].code: 'accuracy' is used twice",
                "items[1].scale: the highest rating, 1 to 100",
                "items[1].speech: FORBIDDEN_PHRASE is not possible here (allowed: [SPEECH_RATE, COURTESY])",
                "items: the weights add up to 90, not 100",
                "vetoes[0].code: lower-case letters, digits and '-', starting with a letter (e.g. accuracy)",
                "vetoes[0].speech: COURTESY is not possible here (allowed: [FORBIDDEN_PHRASE])");
    }

    static ItemRating rating(String code, int rating) {
        return new ItemRating(code, rating, null);
    }

    static List<ItemRating> allFull() {
        return List.of(rating("accuracy", 5), rating("completeness", 3), rating("speech-rate", 2),
                rating("courtesy", 4), rating("policy-compliance", 1));
    }

    static ScoreRequest request(List<ItemRating> items, List<VetoDecision> vetoes) {
        return new ScoreRequest("unit", null, items, vetoes, null);
    }
}
