package org.hotline12333.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal numbers before they reach a log: phone numbers keep their first three and last four digits
 * (138****8000), resident ID numbers their first six and last four (110101********1234).
 */
public final class Mask {

    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)((?:\\+?86)?1[3-9]\\d)\\d{4}(\\d{4})(?!\\d)");
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(0\\d{2,3})-?\\d{3,4}(\\d{4})(?!\\d)");

    private Mask() {
    }

    /** A caller or agent number as it may appear in a log line. */
    public static String phone(String number) {
        if (number == null || number.isBlank()) {
            return number;
        }
        String digits = number.strip();
        if (digits.length() <= 4) {
            return "*".repeat(digits.length());
        }
        if (digits.length() < 8) {
            return "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }

    /** Masks every ID number, mobile and landline number found in free text, leaving the rest untouched. */
    public static String inText(String text) {
        if (text == null || text.length() < 7) {
            return text;
        }
        String masked = replace(ID_NUMBER, text, "$1********$2");
        masked = replace(MOBILE, masked, "$1****$2");
        return replace(LANDLINE, masked, "$1****$2");
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }
}
