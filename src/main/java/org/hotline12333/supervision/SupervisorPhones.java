package org.hotline12333.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
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

    /** A SIP (or IAX2, or Local) endpoint, optionally through a trunk: PJSIP/2001, PJSIP/2001@central. */
    static final Pattern ENDPOINT = Pattern.compile("(PJSIP|SIP|IAX2|Local)/[A-Za-z0-9_.+-]{1,64}(@[A-Za-z0-9_.-]{1,64})?");

    private final JdbcClient db;

    SupervisorPhones(JdbcClient db) {
        this.db = db;
    }

    Optional<String> of(String username) {
        return db.sql("SELECT endpoint FROM supervisor_phone WHERE username = ?").param(username)
                .query(String.class).optional();
    }

    @Transactional
    void set(String username, String endpoint, Instant at) {
        if (endpoint == null || !ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("the phone must be an endpoint like PJSIP/2001 (technology/name, "
                    + "optionally @trunk)");
        }
        int updated = db.sql("UPDATE supervisor_phone SET endpoint = ?, updated_at = ? WHERE username = ?")
                .params(endpoint, Timestamp.from(at), username).update();
        if (updated == 0) {
            db.sql("INSERT INTO supervisor_phone (username, endpoint, updated_at) VALUES (?, ?, ?)")
                    .params(username, endpoint, Timestamp.from(at)).update();
        }
    }
}
