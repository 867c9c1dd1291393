package org.hotline12333.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.hotline12333.routing.DialStrings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The phone each supervisor monitors on: set by the supervisors themselves (on the floor page, or
 * {@code PUT /api/supervision/phone}), like an agent logging in at a desk. Every monitoring session records the phone
 * it used, so where a call's audio went is always known.
 */
@Repository
class SupervisorPhones {

    private final JdbcClient db;
    private final DialStrings dialStrings;

    SupervisorPhones(JdbcClient db, DialStrings dialStrings) {
        this.db = db;
        this.dialStrings = dialStrings;
    }

    Optional<String> of(String username) {
        return db.sql("SELECT endpoint FROM supervisor_phone WHERE username = ?").param(username)
                .query(String.class).optional();
    }

    /** The supervisor's phone, checked again: one stored before phones were checked may no longer be accepted. */
    Optional<String> dialable(String username) {
        return of(username).map(phone -> {
            try {
                return dialStrings.phone(phone);
            } catch (DialStrings.Refused refused) {
                throw new IllegalArgumentException("your phone must be set again: " + refused.getMessage());
            }
        });
    }

    /** Sets the supervisor's phone; refused (IllegalArgumentException, saying why) unless {@link DialStrings} accepts it. */
    @Transactional
    void set(String username, String endpoint, Instant at) {
        dialStrings.phone(endpoint);
        int updated = db.sql("UPDATE supervisor_phone SET endpoint = ?, updated_at = ? WHERE username = ?")
                .params(endpoint, Timestamp.from(at), username).update();
        if (updated == 0) {
            db.sql("INSERT INTO supervisor_phone (username, endpoint, updated_at) VALUES (?, ?, ?)")
                    .params(username, endpoint, Timestamp.from(at)).update();
        }
    }
}
