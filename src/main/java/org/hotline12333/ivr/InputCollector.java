package org.hotline12333.ivr;

import java.time.LocalDate;
import java.util.Optional;
import org.hotline12333.telephony.DigitRequest;
import org.hotline12333.telephony.Digits;

/**
 * A caller keying in an ID number, phone number, PIN or amount: checked, asked again with the invalid-input
 * prompt up to the node's retries, then the fallback. What was entered goes into the session, and into the path
 * only masked.
 */
final class InputCollector {

    private InputCollector() {
    }

    /** The value entered, or empty when the caller used up the retries (the node's fallback follows). */
    static Optional<String> collect(CallerSession session, IvrScript.Collect node) {
        int failures = 0;
        String lead = null;
        while (true) {
            if (lead != null) {
                session.call().play(lead, "");
            }
            Digits keys = session.call().collectDigits(node.prompt(),
                    new DigitRequest(node.retry().timeout(), node.maxDigits(), '#'));
            Optional<String> value = keys.digits().length() < node.minDigits() ? Optional.empty()
                    : node.kind().accept(keys.digits(), LocalDate.now(session.clock()));
            if (value.isPresent()) {
                session.put(node.into(), value.get());
                session.step(node.name(), node.prompt(), masked(node.kind(), value.get()), "accepted");
                return value;
            }
            if (keys.isEmpty()) {
                session.step(node.name(), node.prompt(), null, "timeout");
                lead = "no-input";
            } else {
                session.step(node.name(), node.prompt(), masked(node.kind(), keys.digits()), "invalid");
                lead = node.retry().invalidPrompt();
            }
            if (++failures >= node.retry().retries()) {
                session.step(node.name(), null, null, "gave up after " + failures + ": "
                        + MenuChoice.describe(node.retry().fallback()));
                return Optional.empty();
            }
        }
    }

    static String masked(InputKind kind, String value) {
        return switch (kind) {
            case PIN -> "*".repeat(value.length());
            case ID_NUMBER -> value.length() > 10
                    ? value.substring(0, 6) + "*".repeat(value.length() - 10) + value.substring(value.length() - 4)
                    : "*".repeat(value.length());
            case PHONE -> org.hotline12333.privacy.Mask.phone(value);
            default -> value;
        };
    }
}
