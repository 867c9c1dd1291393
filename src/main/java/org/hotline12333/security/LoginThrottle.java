package org.hotline12333.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every web login (form or HTTP Basic) checked against the database as usual, with wrong passwords counted per user
 * name and per client address ({@code hotline.security.lockout.web-user}, {@code .web-address}). While either is
 * locked, logins are refused without looking at the password, so guessing stops; a lock raises an alert.
 */
final class LoginThrottle implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Too many failed logins for this user or from this address; the login was not tried. */
    static final class LoginThrottled extends AuthenticationException {
        private final Instant until;

        LoginThrottled(Instant until) {
            super("too many failed logins for this user or from this address: try again after " + until);
            this.until = until;
        }

        Instant until() {
            return until;
        }
    }

    private final DaoAuthenticationProvider passwords;
    private final Lockouts lockouts;
    private final Alerts alerts;

    LoginThrottle(DaoAuthenticationProvider passwords, Lockouts lockouts, Alerts alerts) {
        this.passwords = passwords;
        this.lockouts = lockouts;
        this.alerts = alerts;
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String username = login.getName();
        String address = login.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
        Optional<Instant> locked = Stream.of(lockouts.lockedUntil(Lockouts.Realm.WEB_USER, username),
                        address == null ? Optional.<Instant>empty() : lockouts.lockedUntil(Lockouts.Realm.WEB_ADDRESS, address))
                .flatMap(Optional::stream).max(Instant::compareTo);
        if (locked.isPresent()) {
            throw new LoginThrottled(locked.get());
        }
        try {
            Authentication done = passwords.authenticate(login);
            lockouts.succeeded(Lockouts.Realm.WEB_USER, username);
            return done;
        } catch (BadCredentialsException wrong) {
            failed(Lockouts.Realm.WEB_USER, username, "user '" + username + "'");
            if (address != null) {
                failed(Lockouts.Realm.WEB_ADDRESS, address, "address " + address);
            }
            throw wrong;
        }
    }

    private void failed(Lockouts.Realm realm, String subject, String who) {
        Lockouts.Failure failure = lockouts.failed(realm, subject);
        if (failure.lockedNow()) {
            Instant until = failure.lockedUntil().orElseThrow();
            log.warn("Web logins of {} locked until {} after {} failures", who, until, failure.failures());
            alerts.raise(AlertKind.SECURITY, (realm == Lockouts.Realm.WEB_USER ? "web-login " : "web-address ")
                    + subject, "Web logins of " + who + " are locked until " + until + " after " + failure.failures()
                    + " wrong passwords.");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Seconds until the lock ends, for a Retry-After header. */
    static long retryAfterSeconds(LoginThrottled throttled, Instant now) {
        return Math.max(1, Duration.between(now, throttled.until()).toSeconds() + 1);
    }
}
