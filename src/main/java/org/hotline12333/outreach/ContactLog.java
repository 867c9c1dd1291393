package org.hotline12333.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline12333.privacy.Mask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every outbound contact, for audit: who asked, to whom, about what, and each thing that became of it. */
@Component
class ContactLog {

    enum Channel { SMS, CALL }

    record Entry(long id, Instant at, Channel channel, String purpose, String recipient, String caseNumber,
                 String callId, String reference, String actor, String event) {
    }

    private final JdbcClient db;
    private final Clock clock;

    ContactLog(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void add(Channel channel, String purpose, String recipient, String caseNumber, String callId, String reference,
             String actor, String event) {
        db.sql("INSERT INTO outreach_contact_log (at, channel, purpose, recipient, case_number, call_id, reference,"
                        + " actor, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), channel.name(), purpose, recipient, caseNumber, callId,
                        reference, actor, event.length() > 255 ? event.substring(0, 255) : event)
                .update();
    }

    /** Newest first; the numbers masked. */
    List<Entry> find(String recipient, String caseNumber, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (recipient != null) {
            where.append(" AND recipient = ?");
            params.add(recipient);
        }
        if (caseNumber != null) {
            where.append(" AND case_number = ?");
            params.add(caseNumber);
        }
        return db.sql("SELECT id, at, channel, purpose, recipient, case_number, call_id, reference, actor, event"
                        + " FROM outreach_contact_log" + where + " ORDER BY id DESC")
                .params(params)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        Channel.valueOf(rs.getString(3)), rs.getString(4), Mask.phone(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)))
                .list().stream().limit(limit).toList();
    }
}
