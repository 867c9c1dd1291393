package org.hotline12333.ivr;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The 18-character resident identity number of GB 11643-1999: region, birth date, sequence, check character. */
public final class ResidentId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    private ResidentId() {
    }

    /** @param today birth dates after it are not valid */
    public static boolean isValid(String id, LocalDate today) {
        if (id == null || !id.matches("\\d{17}[\\dX]")) {
            return false;
        }
        if (!validBirthDate(id.substring(6, 14), today)) {
            return false;
        }
        return checkCharacter(id.substring(0, 17)) == id.charAt(17);
    }

    /** ISO 7064 MOD 11-2 over the first 17 digits. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static boolean validBirthDate(String yyyymmdd, LocalDate today) {
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)),
                    Integer.parseInt(yyyymmdd.substring(4, 6)), Integer.parseInt(yyyymmdd.substring(6, 8)));
            return birth.getYear() >= 1900 && !birth.isAfter(today);
        } catch (DateTimeException e) {
            return false;
        }
    }
}
