package org.hotline12333.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The phones agents may log in from with a feature code: every phone an administrator gave an agent, and hot-desk
 * phones added on their own. A channel that claims to be anything else cannot bind an agent to itself.
 *
 * <p>On the first start with this table, the phones agents already have are adopted (those {@link DialStrings}
 * accepts), so an existing installation goes on working.
 */
@Repository
class StaffPhones implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StaffPhones.class);

    record StaffPhone(String node, String endpoint) {
    }

    private final JdbcClient db;
    private final DialStrings dialStrings;
    private final Clock clock;

    StaffPhones(JdbcClient db, DialStrings dialStrings, Clock clock) {
        this.db = db;
        this.dialStrings = dialStrings;
        this.clock = clock;
    }

    boolean known(String node, String endpoint) {
        return db.sql("SELECT COUNT(*) FROM staff_phone WHERE node = ? AND endpoint = ?").params(node, endpoint)
                .query(Long.class).single() > 0;
    }

    /** Adds a phone (checked by {@link DialStrings}); nothing happens when it is already known. */
    void add(String node, String endpoint) {
        dialStrings.phone(endpoint);
        if (known(node, endpoint)) {
            return;
        }
        try {
            db.sql("INSERT INTO staff_phone (node, endpoint, added_at) VALUES (?, ?, ?)")
                    .params(node, endpoint, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException alreadyAdded) {
            // added meanwhile by another instance
        }
    }

    boolean remove(String node, String endpoint) {
        return db.sql("DELETE FROM staff_phone WHERE node = ? AND endpoint = ?").params(node, endpoint).update() > 0;
    }

    List<StaffPhone> all() {
        return db.sql("SELECT node, endpoint FROM staff_phone ORDER BY node, endpoint")
                .query((rs, n) -> new StaffPhone(rs.getString(1), rs.getString(2))).list();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (db.sql("SELECT COUNT(*) FROM staff_phone").query(Long.class).single() > 0) {
            return;
        }
        List<StaffPhone> agents = db.sql("SELECT DISTINCT node, endpoint FROM agent")
                .query((rs, n) -> new StaffPhone(rs.getString(1), rs.getString(2))).list();
        int adopted = 0;
        for (StaffPhone phone : agents) {
            try {
                add(phone.node(), phone.endpoint());
                adopted++;
            } catch (DialStrings.Refused refused) {
                log.warn("Agent phone {} on {} is not adopted as a staff phone: {}", phone.endpoint(), phone.node(),
                        refused.getMessage());
            }
        }
        if (adopted > 0) {
            log.info("Adopted the {} phone(s) agents have as the phones they may log in from", adopted);
        }
    }
}
