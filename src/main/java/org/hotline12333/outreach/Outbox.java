package org.hotline12333.outreach;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hotline12333.privacy.Mask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * The SMS outbox: every message is stored, with its segments, before anything is sent; {@link OutboxWorker} sends
 * what is due. A message for a number on the stop list is refused before it is stored.
 */
@Service
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboxStore store;
    private final StopList stopList;
    private final SmsTemplates templates;
    private final ContactLog contacts;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile Runnable wake = () -> { };

    Outbox(OutboxStore store, StopList stopList, SmsTemplates templates, ContactLog contacts,
           TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.stopList = stopList;
        this.templates = templates;
        this.contacts = contacts;
        this.transactions = transactions;
        this.clock = clock;
    }

    void onQueued(Runnable wake) {
        this.wake = wake;
    }

    /** Stores the message (400 for a bad number or a text too long, 409 for a stopped number); returns its id. */
    long queue(OutboxStore.NewMessage message) {
        String number = MobileNumbers.mobile(message.recipient(), "number");
        refuseStopped(number);
        String text = templates.checked(message.text(), "the message");
        OutboxStore.NewMessage stored = new OutboxStore.NewMessage(message.purpose(), number, text, message.callId(),
                message.caseNumber(), message.articleCode(), message.articleVersion(), message.requestedBy());
        long id = transactions.execute(status -> {
            long created = store.insert(stored, SmsEncoding.coding(text), SmsEncoding.segmentsNeeded(text),
                    clock.instant());
            contacts.add(ContactLog.Channel.SMS, message.purpose().name(), number, message.caseNumber(),
                    message.callId(), "sms-" + created, message.requestedBy(), "queued: " + text.length()
                            + " characters, " + SmsEncoding.segmentsNeeded(text) + " segment(s)");
            return created;
        });
        log.info("SMS #{} ({}) to {} queued by {}", id, message.purpose(), Mask.phone(number), message.requestedBy());
        wake.run();
        return id;
    }

    void refuseStopped(String number) {
        Optional<Instant> since = stopList.since(number);
        if (since.isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the citizen at " + Mask.phone(number)
                    + " replied 退订 (unsubscribe) on " + since.get() + ": nothing more is sent to this number");
        }
    }

    /** A supervisor sends an UNCERTAIN, FAILED or UNDELIVERED message again, knowing it may arrive twice. */
    SmsView resend(long id, String by) {
        OutboxStore.Message message = store.find(id).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no text message " + id));
        if (message.state() != SmsState.UNCERTAIN && message.state() != SmsState.FAILED
                && message.state() != SmsState.UNDELIVERED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "text message " + id + " is "
                    + message.state() + " (" + message.state().chinese() + "): only an UNCERTAIN, FAILED or "
                    + "UNDELIVERED message is sent again");
        }
        refuseStopped(message.recipient());
        transactions.executeWithoutResult(status -> {
            store.resetForResend(id, clock.instant());
            contacts.add(ContactLog.Channel.SMS, SmsPurpose.RESEND.name(), message.recipient(), message.caseNumber(),
                    message.callId(), "sms-" + id, by, "sent again by a supervisor after " + message.state());
        });
        wake.run();
        return view(id);
    }

    SmsView view(long id) {
        return store.views(" WHERE id = ?", List.of(id), 1).stream().findFirst().orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no text message " + id));
    }

    List<SmsView> search(SmsState state, String number, String caseNumber, String callId, Instant from, Instant to,
                         int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (state != null) {
            where.append(" AND state = ?");
            params.add(state.name());
        }
        if (number != null && !number.isBlank()) {
            where.append(" AND recipient = ?");
            params.add(MobileNumbers.mobile(number, "number"));
        }
        if (caseNumber != null) {
            where.append(" AND case_number = ?");
            params.add(caseNumber);
        }
        if (callId != null) {
            where.append(" AND call_id = ?");
            params.add(callId);
        }
        if (from != null) {
            where.append(" AND created_at >= ?");
            params.add(OutboxStore.ts(from));
        }
        if (to != null) {
            where.append(" AND created_at < ?");
            params.add(OutboxStore.ts(to));
        }
        return store.views(where.toString(), params, limit);
    }
}
