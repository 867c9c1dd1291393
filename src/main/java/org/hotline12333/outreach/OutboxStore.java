package org.hotline12333.outreach;

import static org.hotline12333.sql.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hotline12333.privacy.Mask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The outbox's tables: messages, their segments, receipts as they came. Plain SQL, the same on H2 and PostgreSQL. */
@Repository
class OutboxStore {

    /** A message as the worker needs it. */
    record Message(long id, SmsPurpose purpose, String recipient, String text, int segments, int concatRef,
                   String callId, String caseNumber, SmsState state, int attempts, String requestedBy) {
    }

    record NewMessage(SmsPurpose purpose, String recipient, String text, String callId, String caseNumber,
                      String articleCode, Integer articleVersion, String requestedBy) {
    }

    private static final String COLUMNS = "id, purpose, recipient, text, segments, concat_ref, call_id, case_number,"
            + " state, attempts, requested_by";
    private static final String VIEW_COLUMNS = "id, purpose, recipient, text, segments, call_id, case_number,"
            + " article_code, article_version, requested_by, created_at, state, waiting_for, attempts,"
            + " next_attempt_at, sent_at, delivered_at, last_error";

    private final JdbcClient db;

    OutboxStore(JdbcClient db) {
        this.db = db;
    }

    long insert(NewMessage message, SmsEncoding.Coding coding, int segments, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("INSERT INTO sms_message (purpose, recipient, text, coding, segments, concat_ref, call_id, case_number,"
                        + " article_code, article_version, requested_by, created_at, state, attempts, next_attempt_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?)")
                .params(message.purpose().name(), message.recipient(), message.text(), coding.name(), segments,
                        message.callId(), message.caseNumber(), message.articleCode(), message.articleVersion(),
                        message.requestedBy(), ts(now), ts(now), ts(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        db.sql("UPDATE sms_message SET concat_ref = ? WHERE id = ?").params((int) (id % 256), id).update();
        for (int seq = 1; seq <= segments; seq++) {
            db.sql("INSERT INTO sms_segment (message_id, seq, state) VALUES (?, ?, 'PENDING')").params(id, seq).update();
        }
        return id;
    }

    List<Message> due(Instant now, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM sms_message WHERE state = 'QUEUED' AND next_attempt_at <= ?"
                        + " ORDER BY next_attempt_at, id")
                .param(ts(now)).query(OutboxStore::message).list().stream().limit(limit).toList();
    }

    Optional<Message> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM sms_message WHERE id = ?").param(id).query(OutboxStore::message)
                .optional();
    }

    /** Takes a queued message for sending; false when another worker or instance has it. */
    boolean claim(long id, String instance, Instant now) {
        return db.sql("UPDATE sms_message SET state = 'SENDING', claimed_by = ?, waiting_for = NULL, updated_at = ?"
                        + " WHERE id = ? AND state = 'QUEUED'")
                .params(instance, ts(now), id).update() == 1;
    }

    void wait(long id, String waitingFor, Instant next, int attempts, String error, Instant now) {
        db.sql("UPDATE sms_message SET state = 'QUEUED', waiting_for = ?, next_attempt_at = ?, attempts = ?,"
                        + " last_error = COALESCE(?, last_error), claimed_by = NULL, updated_at = ? WHERE id = ?")
                .params(waitingFor, ts(next), attempts, cut(error), ts(now), id).update();
    }

    /** Due messages that cannot go now say why (visible in the outbox). */
    void markWaiting(String waitingFor, Instant next, Instant now) {
        db.sql("UPDATE sms_message SET waiting_for = ?, next_attempt_at = CASE WHEN next_attempt_at < ? THEN ?"
                        + " ELSE next_attempt_at END, updated_at = ? WHERE state = 'QUEUED' AND next_attempt_at <= ?")
                .params(waitingFor, ts(next), ts(next), ts(now), ts(now)).update();
    }

    void end(long id, SmsState state, String error, Instant now) {
        db.sql("UPDATE sms_message SET state = ?, waiting_for = NULL, last_error = COALESCE(?, last_error),"
                        + " claimed_by = NULL, updated_at = ? WHERE id = ?")
                .params(state.name(), cut(error), ts(now), id).update();
    }

    void sent(long id, int attempts, Instant now) {
        db.sql("UPDATE sms_message SET state = 'SENT', waiting_for = NULL, attempts = ?, claimed_by = NULL,"
                        + " sent_at = COALESCE(sent_at, ?), updated_at = ? WHERE id = ?")
                .params(attempts, ts(now), ts(now), id).update();
    }

    List<Integer> pendingSegments(long id) {
        return db.sql("SELECT seq FROM sms_segment WHERE message_id = ? AND state = 'PENDING' ORDER BY seq")
                .param(id).query(Integer.class).list();
    }

    void segment(long id, int seq, String state) {
        db.sql("UPDATE sms_segment SET state = ? WHERE message_id = ? AND seq = ?").params(state, id, seq).update();
    }

    void submitted(long id, int seq, String gatewayId, Instant now) {
        db.sql("UPDATE sms_segment SET state = 'SUBMITTED', gateway_id = ?, submitted_at = ? WHERE message_id = ?"
                        + " AND seq = ?").params(gatewayId, ts(now), id, seq).update();
    }

    /** Messages a crash left SENDING on this instance: which of their segments were being submitted. */
    List<Long> leftSending(String instance) {
        return db.sql("SELECT id FROM sms_message WHERE state = 'SENDING' AND claimed_by = ?").param(instance)
                .query(Long.class).list();
    }

    int uncertainSegments(long id) {
        return db.sql("UPDATE sms_segment SET state = 'UNCERTAIN' WHERE message_id = ? AND state = 'SUBMITTING'")
                .param(id).update();
    }

    /** For a supervisor's resend: the segments not known to be taken go again. */
    void resetForResend(long id, Instant now) {
        db.sql("UPDATE sms_segment SET state = 'PENDING' WHERE message_id = ? AND state IN ('UNCERTAIN', 'REFUSED',"
                + " 'PENDING')").param(id).update();
        db.sql("UPDATE sms_message SET state = 'QUEUED', waiting_for = NULL, attempts = 0, next_attempt_at = ?,"
                + " last_error = NULL, updated_at = ? WHERE id = ?").params(ts(now), ts(now), id).update();
    }

    // --- receipts --------------------------------------------------------------------------------------------------

    void receipt(String gatewayId, String state, String error, Instant now) {
        db.sql("INSERT INTO sms_receipt (gateway_id, state, error, received_at) VALUES (?, ?, ?, ?)")
                .params(gatewayId, state, error, ts(now)).update();
    }

    /** Applies the receipts stored for this gateway id to its segment; returns the message it belongs to, if known. */
    Optional<Long> match(String gatewayId) {
        Optional<Long> message = db.sql("SELECT message_id FROM sms_segment WHERE gateway_id = ?").param(gatewayId)
                .query(Long.class).optional();
        if (message.isEmpty()) {
            return message;
        }
        db.sql("SELECT state, error, received_at FROM sms_receipt WHERE gateway_id = ? ORDER BY id")
                .param(gatewayId).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3)})
                .list().forEach(r -> db.sql("UPDATE sms_segment SET receipt_state = ?, receipt_error = ?,"
                                + " receipt_at = ? WHERE gateway_id = ?")
                        .params(r[0], r[1], r[2], gatewayId).update());
        db.sql("UPDATE sms_receipt SET matched = TRUE WHERE gateway_id = ?").param(gatewayId).update();
        return message;
    }

    List<String> unmatchedReceipts() {
        return db.sql("SELECT DISTINCT gateway_id FROM sms_receipt WHERE matched = FALSE").query(String.class).list();
    }

    /** Messages SENT that {@link #settle} would settle now: every segment has its receipt, or one says it failed. */
    List<Long> settleable() {
        return db.sql("SELECT m.id FROM sms_message m WHERE m.state = 'SENT' AND (NOT EXISTS (SELECT 1 FROM"
                        + " sms_segment s WHERE s.message_id = m.id AND s.receipt_state IS NULL) OR EXISTS (SELECT 1"
                        + " FROM sms_segment f WHERE f.message_id = m.id AND f.receipt_state IN ('"
                        + String.join("', '", FAILED_RECEIPTS) + "')))")
                .query(Long.class).list();
    }

    /** Receipt states (SMPP 3.4 appendix B) saying the message will never be delivered. */
    private static final List<String> FAILED_RECEIPTS = List.of("UNDELIV", "EXPIRED", "REJECTD", "DELETED");

    /** DELIVERED once every segment's receipt says so; UNDELIVERED once one says it never will be. */
    void settle(long id, Instant now) {
        List<String> receipts = db.sql("SELECT COALESCE(receipt_state, '') FROM sms_segment WHERE message_id = ?")
                .param(id).query(String.class).list();
        boolean failed = receipts.stream().anyMatch(FAILED_RECEIPTS::contains);
        boolean delivered = !receipts.isEmpty() && receipts.stream().allMatch("DELIVRD"::equals);
        if (failed) {
            db.sql("UPDATE sms_message SET state = 'UNDELIVERED', updated_at = ? WHERE id = ? AND state IN ('SENT',"
                    + " 'DELIVERED')").params(ts(now), id).update();
        } else if (delivered) {
            db.sql("UPDATE sms_message SET state = 'DELIVERED', delivered_at = ?, updated_at = ? WHERE id = ?"
                    + " AND state = 'SENT'").params(ts(now), ts(now), id).update();
        }
    }

    // --- limits ----------------------------------------------------------------------------------------------------

    /** When the messages sent to a number since {@code since} were sent, oldest first. */
    List<Instant> sentTo(String recipient, Instant since) {
        return db.sql("SELECT sent_at FROM sms_message WHERE recipient = ? AND sent_at > ? ORDER BY sent_at")
                .params(recipient, ts(since)).query((rs, n) -> instant(rs, 1)).list();
    }

    // --- views -----------------------------------------------------------------------------------------------------

    List<SmsView> views(String where, List<Object> params, int limit) {
        List<SmsView> messages = db.sql("SELECT " + VIEW_COLUMNS + " FROM sms_message" + where + " ORDER BY id DESC")
                .params(params).query((rs, n) -> view(rs, List.of())).list().stream().limit(limit).toList();
        if (messages.isEmpty()) {
            return messages;
        }
        String ids = messages.stream().map(m -> Long.toString(m.id())).collect(Collectors.joining(","));
        Map<Long, List<SmsView.Segment>> segments = db.sql("SELECT message_id, seq, state, gateway_id, submitted_at,"
                        + " receipt_state, receipt_error, receipt_at FROM sms_segment WHERE message_id IN (" + ids + ")"
                        + " ORDER BY message_id, seq")
                .query((rs, n) -> Map.entry(rs.getLong(1), new SmsView.Segment(rs.getInt(2), rs.getString(3),
                        rs.getString(4), instant(rs, 5), rs.getString(6), rs.getString(7), instant(rs, 8))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        List<SmsView> whole = new ArrayList<>();
        for (SmsView m : messages) {
            whole.add(new SmsView(m.id(), m.purpose(), m.recipient(), m.text(), m.segmentCount(), m.callId(),
                    m.caseNumber(), m.articleCode(), m.articleVersion(), m.requestedBy(), m.createdAt(), m.state(),
                    m.stateName(), m.waitingFor(), m.attempts(), m.nextAttemptAt(), m.sentAt(), m.deliveredAt(),
                    m.lastError(), segments.getOrDefault(m.id(), List.of())));
        }
        return whole;
    }

    private static SmsView view(ResultSet rs, List<SmsView.Segment> segments) throws SQLException {
        SmsState state = SmsState.valueOf(rs.getString(12));
        Integer version = rs.getObject(9) == null ? null : rs.getInt(9);
        return new SmsView(rs.getLong(1), SmsPurpose.valueOf(rs.getString(2)), Mask.phone(rs.getString(3)),
                rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), version, rs.getString(10), instant(rs, 11), state, state.chinese(),
                rs.getString(13), rs.getInt(14), instant(rs, 15), instant(rs, 16), instant(rs, 17), rs.getString(18),
                segments);
    }

    private static Message message(ResultSet rs, int n) throws SQLException {
        return new Message(rs.getLong(1), SmsPurpose.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getInt(5), rs.getInt(6), rs.getString(7), rs.getString(8), SmsState.valueOf(rs.getString(9)),
                rs.getInt(10), rs.getString(11));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String cut(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }
}
