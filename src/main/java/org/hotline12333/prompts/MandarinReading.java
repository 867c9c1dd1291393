package org.hotline12333.prompts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline12333.telephony.CallChannel;

/**
 * Numbers, money, dates and digit strings read aloud in Mandarin, as a list of prompt names from prompts.yaml
 * ({@code num-1}, {@code num-10}, {@code yuan}...). Asterisk's own SAY NUMBER has no Mandarin voice.
 *
 * <p>1203 is 一千二百零三, 20 is 二十, 12 is 十二, 10,0005 is 十万零五; money is 元角分 (12.50 is 十二元五角);
 * dates are 二零二六年十一月二十三日; digits read 1 as 幺, as a phone number is read.
 */
public final class MandarinReading {

    private static final String[] SMALL_UNITS = {"", "num-10", "num-100", "num-1000"};

    private MandarinReading() {
    }

    public static List<String> number(long value) {
        List<String> prompts = new ArrayList<>();
        if (value < 0) {
            prompts.add("minus");
            value = -value;
        }
        if (value == 0) {
            prompts.add("num-0");
            return prompts;
        }
        long yi = value / 100_000_000;
        long wan = value / 10_000 % 10_000;
        long rest = value % 10_000;
        boolean started = false;
        boolean zeroPending = false;
        if (yi > 0) {
            prompts.addAll(belowTenThousand((int) yi, true));
            prompts.add("num-100000000");
            started = true;
        }
        if (wan > 0) {
            if (started && wan < 1000) {
                prompts.add("num-0");
            }
            prompts.addAll(belowTenThousand((int) wan, !started));
            prompts.add("num-10000");
            started = true;
        } else if (started) {
            zeroPending = true;
        }
        if (rest > 0) {
            if (started && (rest < 1000 || zeroPending)) {
                prompts.add("num-0");
            }
            prompts.addAll(belowTenThousand((int) rest, !started));
        }
        return prompts;
    }

    /** 1..9999; {@code leading}: a leading 1 before 十 is dropped (十二, not 一十二). */
    private static List<String> belowTenThousand(int value, boolean leading) {
        List<String> prompts = new ArrayList<>();
        int[] digits = {value / 1000, value / 100 % 10, value / 10 % 10, value % 10};
        boolean zeroPending = false;
        boolean any = false;
        for (int i = 0; i < 4; i++) {
            int digit = digits[i];
            int unit = 3 - i;
            if (digit == 0) {
                zeroPending = any;
                continue;
            }
            if (zeroPending) {
                prompts.add("num-0");
                zeroPending = false;
            }
            boolean bareTen = unit == 1 && digit == 1 && !any && leading;
            if (!bareTen) {
                prompts.add("num-" + digit);
            }
            if (unit > 0) {
                prompts.add(SMALL_UNITS[unit]);
            }
            any = true;
        }
        return prompts;
    }

    /** Plays these prompts until a key in {@code escapeDigits} interrupts them; returns that key. */
    public static Optional<Character> play(CallChannel call, List<String> prompts, String escapeDigits) {
        for (String prompt : prompts) {
            Optional<Character> key = call.play(prompt, escapeDigits);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    /** An amount in yuan: 元, then 角 and 分 when not zero; 整 for a round amount. */
    public static List<String> money(BigDecimal amount) {
        BigDecimal fen = amount.setScale(2, RoundingMode.HALF_UP).movePointRight(2).abs();
        long totalFen = fen.longValueExact();
        long yuan = totalFen / 100;
        int jiao = (int) (totalFen / 10 % 10);
        int cents = (int) (totalFen % 10);
        List<String> prompts = new ArrayList<>();
        if (amount.signum() < 0) {
            prompts.add("minus");
        }
        if (yuan > 0 || totalFen == 0) {
            prompts.addAll(number(yuan));
            prompts.add("yuan");
        }
        if (jiao == 0 && cents == 0) {
            prompts.add("zheng");
            return prompts;
        }
        if (jiao > 0) {
            prompts.add("num-" + jiao);
            prompts.add("jiao");
        } else if (yuan > 0) {
            prompts.add("num-0");
        }
        if (cents > 0) {
            prompts.add("num-" + cents);
            prompts.add("fen");
        }
        return prompts;
    }

    public static List<String> date(LocalDate date) {
        List<String> prompts = new ArrayList<>();
        for (char digit : Integer.toString(date.getYear()).toCharArray()) {
            prompts.add("num-" + digit);
        }
        prompts.add("year");
        prompts.addAll(number(date.getMonthValue()));
        prompts.add("month");
        prompts.addAll(number(date.getDayOfMonth()));
        prompts.add("day");
        return prompts;
    }

    /** Digit by digit, 1 as 幺 (how numbers are read out on the phone); X for the last character of an ID. */
    public static List<String> digits(String digits) {
        List<String> prompts = new ArrayList<>();
        for (char c : digits.toCharArray()) {
            if (c == '1') {
                prompts.add("num-yao");
            } else if (Character.isDigit(c)) {
                prompts.add("num-" + c);
            }
        }
        return prompts;
    }
}
