package org.hotline12333.outreach;

import java.util.regex.Pattern;
import org.hotline12333.privacy.Mask;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The numbers a text message can go to: mainland mobile numbers, 11 digits from 13 to 19, with or without +86. */
final class MobileNumbers {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private MobileNumbers() {
    }

    /** The number as stored and sent (11 digits); 400 saying why for anything else. */
    static String mobile(String number, String field) {
        String normal = normal(number);
        if (normal != null && MOBILE.matcher(normal).matches()) {
            return normal;
        }
        String shown = number == null || number.isBlank() ? "nothing" : "'" + Mask.phone(number.strip()) + "'";
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": " + shown + " is not a mobile number "
                + "a text message can go to (11 digits starting 13 to 19, optionally +86); a landline cannot get one");
    }

    /** The number without +86 and separators, or null when it is not digits at all. */
    static String normal(String number) {
        if (number == null) {
            return null;
        }
        String digits = SEPARATORS.matcher(number.strip()).replaceAll("");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        return digits.chars().allMatch(Character::isDigit) && !digits.isEmpty() ? digits : null;
    }

    static boolean isMobile(String number) {
        String normal = normal(number);
        return normal != null && MOBILE.matcher(normal).matches();
    }
}
