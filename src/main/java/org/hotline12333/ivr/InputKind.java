package org.hotline12333.ivr;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a caller can be asked to key in, and how it is checked. On a phone keypad '*' stands for the X at the end
 * of a resident ID and for the decimal point of an amount.
 */
enum InputKind {

    /** An 18-character resident ID number (GB 11643) with a valid check character. */
    ID_NUMBER(18, 18) {
        @Override
        Optional<String> accept(String keys, LocalDate today) {
            String id = keys.replace('*', 'X');
            return ResidentId.isValid(id, today) ? Optional.of(id) : Optional.empty();
        }
    },
    /** A mobile (11 digits starting 1[3-9]) or landline number with area code. */
    PHONE(7, 12) {
        @Override
        Optional<String> accept(String keys, LocalDate today) {
            return keys.matches("1[3-9]\\d{9}|0\\d{9,11}") ? Optional.of(keys) : Optional.empty();
        }
    },
    /** A six-digit PIN. */
    PIN(6, 6) {
        @Override
        Optional<String> accept(String keys, LocalDate today) {
            return keys.matches("\\d{6}") ? Optional.of(keys) : Optional.empty();
        }
    },
    /** An amount of money in yuan, '*' for the decimal point, at most two decimals. */
    AMOUNT(1, 12) {
        @Override
        Optional<String> accept(String keys, LocalDate today) {
            String amount = keys.replace('*', '.');
            if (!amount.matches("\\d{1,9}(\\.\\d{1,2})?")) {
                return Optional.empty();
            }
            return Optional.of(new BigDecimal(amount).toPlainString());
        }
    },
    /** Plain digits, as many as the node allows. */
    DIGITS(1, 32) {
        @Override
        Optional<String> accept(String keys, LocalDate today) {
            return keys.matches("\\d+") ? Optional.of(keys) : Optional.empty();
        }
    };

    final int minDigits;
    final int maxDigits;

    InputKind(int minDigits, int maxDigits) {
        this.minDigits = minDigits;
        this.maxDigits = maxDigits;
    }

    /** The value to keep, or empty when the keys are not a valid input of this kind. */
    /** The value keyed in, or empty when it is not one; {@code today} for dates that cannot be in the future. */
    abstract Optional<String> accept(String keys, LocalDate today);

    static InputKind of(String name) {
        return valueOf(name.toUpperCase().replace('-', '_'));
    }
}
