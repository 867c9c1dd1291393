package org.hotline12333.security;

import java.util.Locale;

/**
 * What every password must be, however it is set: by an administrator, by its user, or for the first administrator
 * from the environment. Long rather than complicated (NIST SP 800-63B): 10 to 128 characters, not the user name
 * itself (nor it reversed), not one or two characters repeated.
 */
final class PasswordRules {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    /** A password that breaks a rule; the message says which (HTTP 400). */
    static class WeakPassword extends IllegalArgumentException {
        WeakPassword(String message) {
            super(message);
        }
    }

    private PasswordRules() {
    }

    static void check(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new WeakPassword("password: must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && (lower.equals(username.toLowerCase(Locale.ROOT))
                || lower.equals(new StringBuilder(username.toLowerCase(Locale.ROOT)).reverse().toString()))) {
            throw new WeakPassword("password: must not be the user name");
        }
        if (password.chars().distinct().count() < 3) {
            throw new WeakPassword("password: must not be one or two characters repeated");
        }
    }
}
