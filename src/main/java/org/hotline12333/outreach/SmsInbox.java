package org.hotline12333.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline12333.privacy.Mask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What comes back from the gateway. A delivery receipt is stored as it comes and applied to its segment by the
 * gateway's id; the gateway may send it before its answer to the submit (the id is then not recorded yet), so the
 * submit's answer applies any receipt already stored, and every outbox round applies those still unmatched. A
 * citizen's message is a reply, or 退订 (TD), which puts their number on the stop list.
 */
@Component
class SmsInbox implements SmsGateway.Inbox {

    private static final Logger log = LoggerFactory.getLogger(SmsInbox.class);

    /** A reply from a citizen, with the message it answers when there is one: for the case's history. */
    record Reply(String from, String text, Long messageId, String caseNumber, boolean stop, Instant at) {
    }

    private final OutboxStore store;
    private final StopList stopList;
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Object matching = new Object();

    SmsInbox(OutboxStore store, StopList stopList, JdbcClient db, TransactionTemplate transactions,
             ApplicationEventPublisher events, SmsGateway gateway, Clock clock) {
        this.store = store;
        this.stopList = stopList;
        this.db = db;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        gateway.inbox(this);
    }

    @Override
    public void receipt(String gatewayId, String state, String error) {
        synchronized (matching) {
            transactions.executeWithoutResult(status -> {
                store.receipt(gatewayId, state, error, clock.instant());
                store.match(gatewayId).ifPresent(message -> store.settle(message, clock.instant()));
            });
        }
    }

    /** The gateway took a segment: its id, and any receipt that came before this answer. */
    void submitted(long messageId, int seq, String gatewayId) {
        synchronized (matching) {
            transactions.executeWithoutResult(status -> {
                store.submitted(messageId, seq, gatewayId, clock.instant());
                store.match(gatewayId);
            });
        }
    }

    /**
     * Receipts no segment had when they came (another instance sent it, or a race): applied now. And messages whose
     * last receipt came while they were still being sent: the receipt's settling found the message not yet SENT, and
     * the sender's own settling, in its own transaction, had not seen the receipt yet. Settled now.
     */
    void matchLateReceipts() {
        for (String gatewayId : store.unmatchedReceipts()) {
            synchronized (matching) {
                transactions.executeWithoutResult(status -> store.match(gatewayId)
                        .ifPresent(message -> store.settle(message, clock.instant())));
            }
        }
        for (long message : store.settleable()) {
            synchronized (matching) {
                transactions.executeWithoutResult(status -> store.settle(message, clock.instant()));
            }
        }
    }

    @Override
    public void message(String from, String text) {
        String number = Optional.ofNullable(MobileNumbers.normal(from)).orElse(String.valueOf(from));
        boolean stop = StopList.isStop(text);
        Instant now = clock.instant();
        Reply reply = transactions.execute(status -> {
            Optional<Object[]> last = db.sql("SELECT id, case_number FROM sms_message WHERE recipient = ?"
                            + " AND sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC")
                    .param(number).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list().stream()
                    .findFirst();
            Long messageId = last.map(row -> (Long) row[0]).orElse(null);
            String caseNumber = last.map(row -> (String) row[1]).orElse(null);
            db.sql("INSERT INTO sms_inbound (sender, text, kind, message_id, case_number, received_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(number, text.length() > 1000 ? text.substring(0, 1000) : text, stop ? "STOP" : "REPLY",
                            messageId, caseNumber, Timestamp.from(now)).update();
            if (stop) {
                stopList.add(number, "SMS", "replied: " + text, "citizen");
            }
            return new Reply(number, text, messageId, caseNumber, stop, now);
        });
        log.info("SMS from {}: {}", Mask.phone(number), stop ? "退订 (stop list)" : "a reply");
        events.publishEvent(reply);
    }

    record Inbound(long id, String from, String text, String kind, Long messageId, String caseNumber,
                   Instant receivedAt) {
    }

    List<Inbound> recent(int limit) {
        return db.sql("SELECT id, sender, text, kind, message_id, case_number, received_at FROM sms_inbound"
                        + " ORDER BY id DESC")
                .query((rs, n) -> new Inbound(rs.getLong(1), Mask.phone(rs.getString(2)), Mask.inText(rs.getString(3)),
                        rs.getString(4), (Long) rs.getObject(5, Long.class), rs.getString(6),
                        rs.getTimestamp(7).toInstant()))
                .list().stream().limit(limit).toList();
    }
}
