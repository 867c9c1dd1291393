package org.hotline12333.ivr;

import org.hotline12333.prompts.MandarinReading;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads prompts and values to the caller; a key pressed meanwhile stops the reading and is kept (barge-in). */
final class ValueReader {

    static final String ALL_KEYS = "0123456789*#";

    private ValueReader() {
    }

    /** Plays prompts in order until one is interrupted by a key; returns that key. */
    static Optional<Character> play(CallerSession session, List<String> prompts) {
        for (String prompt : prompts) {
            Optional<Character> key = session.call().play(prompt, ALL_KEYS);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    static Optional<Character> say(CallerSession session, List<IvrScript.SayItem> items) {
        List<String> prompts = new ArrayList<>();
        for (IvrScript.SayItem item : items) {
            prompts.addAll(prompts(session, item));
        }
        return play(session, prompts);
    }

    private static List<String> prompts(CallerSession session, IvrScript.SayItem item) {
        if (item.kind() == IvrScript.SayKind.PROMPT) {
            return List.of(item.value());
        }
        Object value = session.value(item.value());
        if (value == null) {
            return List.of();
        }
        return switch (item.kind()) {
            case NUMBER -> MandarinReading.number(new BigDecimal(value.toString()).longValue());
            case MONEY -> MandarinReading.money(new BigDecimal(value.toString()));
            case DATE -> MandarinReading.date(value instanceof LocalDate date ? date : LocalDate.parse(value.toString()));
            case DIGITS -> MandarinReading.digits(value.toString());
            case PROMPT_OF -> List.of(item.prefix() + value);
            case PROMPT -> List.of(item.value());
        };
    }
}
