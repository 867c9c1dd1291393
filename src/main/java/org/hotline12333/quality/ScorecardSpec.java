package org.hotline12333.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline12333.quality.Scorecard.Item;
import org.hotline12333.quality.Scorecard.SpeechCheck;
import org.hotline12333.quality.Scorecard.Veto;

/**
 * A scorecard as an administrator writes it (REST body, or the YAML seed): name, items, vetoes. {@link #problems()}
 * says everything wrong with it at once.
 */
record ScorecardSpec(String name, List<Item> items, List<Veto> vetoes) {

    static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    static final BigDecimal TOTAL_WEIGHT = BigDecimal.valueOf(100);
    private static final int MAX_SCALE = 100;

    ScorecardSpec {
        items = items == null ? List.of() : List.copyOf(items);
        vetoes = vetoes == null ? List.of() : List.copyOf(vetoes);
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name: required");
        }
        if (items.isEmpty()) {
            problems.add("items: at least one item");
        }
        Set<String> codes = new HashSet<>();
        Set<SpeechCheck> checks = EnumSet.noneOf(SpeechCheck.class);
        BigDecimal weights = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String at = "items[" + i + "]";
            if (item == null) {
                problems.add(at + ": empty");
                continue;
            }
            named(at, item.code(), item.name(), codes, problems);
            if (item.weight() == null || item.weight().signum() <= 0) {
                problems.add(at + ".weight: a positive number of points");
            } else {
                weights = weights.add(item.weight());
            }
            if (item.scale() == null || item.scale() < 1 || item.scale() > MAX_SCALE) {
                problems.add(at + ".scale: the highest rating, 1 to " + MAX_SCALE);
            }
            speech(at, item.speech(), EnumSet.of(SpeechCheck.SPEECH_RATE, SpeechCheck.COURTESY), checks, problems);
        }
        if (!items.isEmpty() && weights.compareTo(TOTAL_WEIGHT) != 0) {
            problems.add("items: the weights add up to " + weights.stripTrailingZeros().toPlainString()
                    + ", not " + TOTAL_WEIGHT);
        }
        for (int i = 0; i < vetoes.size(); i++) {
            Veto veto = vetoes.get(i);
            String at = "vetoes[" + i + "]";
            if (veto == null) {
                problems.add(at + ": empty");
                continue;
            }
            named(at, veto.code(), veto.name(), codes, problems);
            speech(at, veto.speech(), EnumSet.of(SpeechCheck.FORBIDDEN_PHRASE), checks, problems);
        }
        return problems;
    }

    /** The same card content (name, items, vetoes), whatever the number formatting. */
    boolean sameAs(ScorecardSpec other) {
        return Objects.equals(name, other.name) && items.size() == other.items.size()
                && vetoes.equals(other.vetoes) && sameItems(other.items);
    }

    private boolean sameItems(List<Item> others) {
        for (int i = 0; i < items.size(); i++) {
            Item a = items.get(i);
            Item b = others.get(i);
            if (!a.code().equals(b.code()) || !a.name().equals(b.name())
                    || !Objects.equals(a.description(), b.description()) || a.weight().compareTo(b.weight()) != 0
                    || !a.scale().equals(b.scale()) || a.speech() != b.speech()) {
                return false;
            }
        }
        return true;
    }

    private static void named(String at, String code, String name, Set<String> codes, List<String> problems) {
        if (code == null || !CODE.matcher(code).matches()) {
            problems.add(at + ".code: lower-case letters, digits and '-', starting with a letter (e.g. accuracy)");
        } else if (!codes.add(code)) {
            problems.add(at + ".code: '" + code + "' is used twice");
        }
        if (name == null || name.isBlank()) {
            problems.add(at + ".name: required");
        }
    }

    private static void speech(String at, SpeechCheck check, Set<SpeechCheck> allowed, Set<SpeechCheck> seen,
                               List<String> problems) {
        if (check == null) {
            return;
        }
        if (!allowed.contains(check)) {
            problems.add(at + ".speech: " + check + " is not possible here (allowed: " + allowed + ")");
        } else if (!seen.add(check)) {
            problems.add(at + ".speech: " + check + " is given to two entries");
        }
    }
}
