package org.hotline12333.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One version of a scorecard (评分表). A change makes a new version; a score keeps the version it was made with.
 *
 * @param items  the weighted items; their weights add up to 100
 * @param vetoes one-vote veto items (一票否决): any applied one makes the call's score 0
 */
record Scorecard(String id, int version, String name, List<Item> items, List<Veto> vetoes, Instant createdAt,
                 String createdBy) {

    Scorecard {
        items = List.copyOf(items);
        vetoes = List.copyOf(vetoes);
    }

    /** What speech analytics can judge on its own, and so propose for a supervisor to confirm or overrule. */
    enum SpeechCheck {
        /** 语速: the agent's characters per minute against the comfortable range: full marks inside it, 0 outside. */
        SPEECH_RATE,
        /** 礼貌用语: greeting (来有迎声) and closing (走有送声), half the scale each (rounded down). */
        COURTESY,
        /** A forbidden phrase (服务忌语) the agent said: a veto, applied only once a supervisor confirms it. */
        FORBIDDEN_PHRASE
    }

    /**
     * @param weight the most points the item gives (of 100)
     * @param scale  the highest rating (ratings are whole numbers from 0); the item gives weight × rating / scale
     * @param speech what speech analytics proposes for it, or null
     */
    record Item(String code, String name, String description, BigDecimal weight, Integer scale, SpeechCheck speech) {
    }

    record Veto(String code, String name, String description, SpeechCheck speech) {
    }

    Optional<Item> item(String code) {
        return items.stream().filter(item -> item.code().equals(code)).findFirst();
    }

    Optional<Veto> veto(String code) {
        return vetoes.stream().filter(veto -> veto.code().equals(code)).findFirst();
    }

    ScorecardSpec spec() {
        return new ScorecardSpec(name, items, vetoes);
    }
}
