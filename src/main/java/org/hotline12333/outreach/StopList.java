package org.hotline12333.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline12333.privacy.Mask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Numbers that get no more outbound contact: a citizen who replied TD or 退订 gets no text message and no return-visit
 * call after it, whatever asked for one. Staff may add a number (the citizen asked on the phone) and a supervisor may
 * take one off (the citizen asked to be contacted again); both are logged.
 */
@Component
class StopList {

    /** Replies that mean "no more" (case and punctuation ignored): the carriers' TD and T, 退订, STOP. */
    private static final Set<String> STOP_WORDS = Set.of("TD", "T", "退订", "STOP", "N");
    private static final Pattern NOT_WORD = Pattern.compile("[\\s\\p{Punct}，。！、；：]");

    record Entry(String number, Instant since, String source, String note, String addedBy) {
    }

    private final JdbcClient db;
    private final Clock clock;

    StopList(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static boolean isStop(String reply) {
        String word = NOT_WORD.matcher(reply == null ? "" : reply).replaceAll("").toUpperCase();
        return STOP_WORDS.contains(word) || word.contains("退订");
    }

    boolean stopped(String number) {
        return since(number).isPresent();
    }

    Optional<Instant> since(String number) {
        return db.sql("SELECT since FROM outreach_stop WHERE number = ?").param(number)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
    }

    /** Adds the number (once: the first time stays). */
    void add(String number, String source, String note, String by) {
        if (stopped(number)) {
            return;
        }
        try {
            db.sql("INSERT INTO outreach_stop (number, since, source, note, added_by) VALUES (?, ?, ?, ?, ?)")
                    .params(number, Timestamp.from(clock.instant()), source, note, by).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // another instance added it at the same moment
        }
    }

    boolean remove(String number) {
        return db.sql("DELETE FROM outreach_stop WHERE number = ?").param(number).update() == 1;
    }

    List<Entry> entries(int limit) {
        return db.sql("SELECT number, since, source, note, added_by FROM outreach_stop ORDER BY since DESC")
                .query((rs, n) -> new Entry(Mask.phone(rs.getString(1)), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5)))
                .list().stream().limit(limit).toList();
    }
}
