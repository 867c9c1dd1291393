package org.hotline12333.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal numbers before they reach a log: phone numbers keep their first three and last four digits
 * (138****8000; landlines their area code: 020****6666), resident ID numbers their first six and last four
 * (110101********1234; the old 15-digit ones their first six and last three: 110101******425). Numbers written in
 * groups (138 0013 8000, 020-8888-6666) are masked alike, their separators kept. UUIDs (call and work ids) are
 * left whole: their digit groups can look like a landline number written in groups.
 */
public final class Mask {

    /** The kept head, the masked body (digits become '*', separators stay) and the kept tail of each number. */
    private static final String SEP = "[ -]?";
    private static final Pattern ID_NUMBER = number("\\d{6}", SEP + "\\d{8}" + SEP, "\\d{3}[0-9Xx]");
    private static final Pattern OLD_ID_NUMBER = number("\\d{6}", SEP + "\\d{6}" + SEP, "\\d{3}");
    private static final Pattern MOBILE = number("(?:\\+?86" + SEP + ")?1[3-9]\\d", SEP + "\\d{4}" + SEP, "\\d{4}");
    /** Area codes: 010 and 02x have three digits, the others four; written (0xx) too. */
    private static final Pattern LANDLINE = number("\\(0\\d{2,3}\\)|0(?:10|2\\d)|0[3-9]\\d{2}",
            SEP + "\\d{3,4}" + SEP, "\\d{4}");
    private static final Pattern UUID = Pattern.compile("(?<![0-9A-Za-z])[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}"
            + "-[0-9a-fA-F]{12}(?![0-9A-Za-z])");

    private Mask() {
    }

    private static Pattern number(String head, String body, String tail) {
        return Pattern.compile("(?<![0-9A-Za-z+])(?<head>" + head + ")(?<body>" + body + ")(?<tail>" + tail
                + ")(?![0-9A-Za-z])");
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
        Matcher uuid = UUID.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (uuid.find()) {
            out.append(numbersIn(text.substring(from, uuid.start()))).append(uuid.group());
            from = uuid.end();
        }
        return out.append(numbersIn(text.substring(from))).toString();
    }

    private static String numbersIn(String text) {
        String masked = text;
        for (Pattern pattern : new Pattern[] {ID_NUMBER, OLD_ID_NUMBER, MOBILE, LANDLINE}) {
            Matcher matcher = pattern.matcher(masked);
            if (!matcher.find()) {
                continue;
            }
            StringBuilder out = new StringBuilder(masked.length());
            do {
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group("head")
                        + matcher.group("body").replaceAll("\\d", "*") + matcher.group("tail")));
            } while (matcher.find());
            masked = matcher.appendTail(out).toString();
        }
        return masked;
    }
}
