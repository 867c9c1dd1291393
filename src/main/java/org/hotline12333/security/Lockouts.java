package org.hotline12333.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Failed logins and PINs counted across connections, calls and service instances (in the database), per subject: a
 * user name, a client address, an agent's work number, a caller's ID number. A subject that fails too often within
 * the window is locked for a while; callers check {@link #lockedUntil} first and do not even try the credential while
 * it is locked, so a lock stops guessing. Subjects are stored hashed.
 */
@Service
public class Lockouts {

    /** What is being guessed at; each has its own policy under {@code hotline.security.lockout}. */
    public enum Realm { WEB_USER, WEB_ADDRESS, AGENT_PIN, CALLER_PIN }

    /**
     * One failure counted.
     *
     * @param lockedNow true when this failure locked the subject (the moment to raise an alert)
     */
    public record Failure(int failures, Optional<Instant> lockedUntil, boolean lockedNow) {
    }

    private final JdbcClient db;
    private final HotlineSecurityProperties.Lockout policies;
    private final Clock clock;

    Lockouts(JdbcClient db, HotlineSecurityProperties properties, Clock clock) {
        this.db = db;
        this.policies = properties.lockout();
        this.clock = clock;
    }

    /**
     * What is held against a subject now, read before checking its credential.
     *
     * @param counted whether any failure is counted, so that a success has something to forget
     */
    public record Standing(Optional<Instant> lockedUntil, boolean counted) {
    }

    /** Until when the subject is locked, if it is now. */
    public Optional<Instant> lockedUntil(Realm realm, String subject) {
        return standing(realm, subject).lockedUntil();
    }

    /** The subject's lock and whether it has failures counted, in one read. */
    public Standing standing(Realm realm, String subject) {
        Instant now = clock.instant();
        return db.sql("SELECT locked_until FROM lockout WHERE realm = ? AND subject_hash = ?")
                .params(realm.name(), hash(subject))
                .query((rs, n) -> new Standing(Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant)
                        .filter(now::isBefore), true))
                .optional().orElse(new Standing(Optional.empty(), false));
    }

    /** Counts a failure; one atomic statement, so concurrent failures on several instances all count. */
    public Failure failed(Realm realm, String subject) {
        HotlineSecurityProperties.Policy policy = policy(realm);
        String hash = hash(subject);
        Instant now = clock.instant();
        boolean counted = count(realm, hash, policy, now) > 0;
        if (!counted && lockedUntil(realm, subject).isEmpty()) {
            try {
                counted = db.sql("INSERT INTO lockout (realm, subject_hash, failures, window_start, locked_until)"
                                + " VALUES (?, ?, 1, ?, ?)")
                        .params(realm.name(), hash, Timestamp.from(now),
                                policy.maxFailures() <= 1 ? Timestamp.from(now.plus(policy.lockFor())) : null)
                        .update() > 0;
            } catch (DuplicateKeyException raced) {
                counted = count(realm, hash, policy, now) > 0;
            }
        }
        boolean newlyCounted = counted;
        return db.sql("SELECT failures, locked_until FROM lockout WHERE realm = ? AND subject_hash = ?")
                .params(realm.name(), hash)
                .query((rs, n) -> {
                    Optional<Instant> locked = Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant)
                            .filter(now::isBefore);
                    // only an unlocked subject is counted: a count that ends locked is what locked it
                    return new Failure(rs.getInt(1), locked, newlyCounted && locked.isPresent());
                }).single();
    }

    /** A correct credential: the subject's failures are forgotten. */
    public void succeeded(Realm realm, String subject) {
        db.sql("DELETE FROM lockout WHERE realm = ? AND subject_hash = ?").params(realm.name(), hash(subject)).update();
    }

    /**
     * A correct credential of a subject whose standing was read just before: its failures are forgotten, with no
     * write at all when it had none (the common case, on every self-service caller's path). A failure counted on
     * another call in between is kept, which errs on the side of the lock.
     */
    public void succeeded(Realm realm, String subject, Standing before) {
        if (before.counted()) {
            succeeded(realm, subject);
        }
    }

    /**
     * Adds one failure to an unlocked subject's row, starting a new window when the old one is over; returns the rows
     * changed (0: no row yet, or locked: a locked subject's attempts are not even counted).
     */
    private int count(Realm realm, String hash, HotlineSecurityProperties.Policy policy, Instant now) {
        Timestamp windowOver = Timestamp.from(now.minus(policy.window()));
        String failures = "CASE WHEN window_start <= ? THEN 1 ELSE failures + 1 END";
        return db.sql("UPDATE lockout SET failures = " + failures + ","
                        + " window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END,"
                        + " locked_until = CASE WHEN " + failures + " >= ? THEN ? ELSE NULL END"
                        + " WHERE realm = ? AND subject_hash = ? AND (locked_until IS NULL OR locked_until <= ?)")
                .params(windowOver, windowOver, Timestamp.from(now), windowOver, policy.maxFailures(),
                        Timestamp.from(now.plus(policy.lockFor())), realm.name(), hash, Timestamp.from(now))
                .update();
    }

    private HotlineSecurityProperties.Policy policy(Realm realm) {
        return switch (realm) {
            case WEB_USER -> policies.webUser();
            case WEB_ADDRESS -> policies.webAddress();
            case AGENT_PIN -> policies.agentPin();
            case CALLER_PIN -> policies.callerPin();
        };
    }

    static String hash(String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
