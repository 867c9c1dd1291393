package org.hotline12333.outreach;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hotline12333.cases.CaseContacts;
import org.hotline12333.cases.CaseOutreach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Cases show the contacts made with their caller (the port {@link CaseContacts}): text messages with their delivery
 * state and the outbound calls; a citizen's reply to a message about a case goes into that case's history.
 */
@Component
class CaseContactsFromOutreach implements CaseContacts {

    private static final Logger log = LoggerFactory.getLogger(CaseContactsFromOutreach.class);

    private final Outbox outbox;
    private final OutboundCalls calls;
    private final CaseOutreach cases;

    CaseContactsFromOutreach(Outbox outbox, OutboundCalls calls, CaseOutreach cases) {
        this.outbox = outbox;
        this.calls = calls;
        this.cases = cases;
    }

    @Override
    public List<Contact> of(String caseNumber) {
        List<Contact> contacts = new ArrayList<>();
        for (SmsView sms : outbox.search(null, null, caseNumber, null, null, null, 100)) {
            contacts.add(new Contact("SMS", sms.purpose().name(), sms.createdAt(), sms.state().name(),
                    sms.stateName(), sms.recipient() + ": " + sms.text()));
        }
        contacts.addAll(calls.ofCase(caseNumber));
        contacts.sort(Comparator.comparing(Contact::at));
        return contacts;
    }

    @EventListener
    void replied(SmsInbox.Reply reply) {
        if (reply.caseNumber() == null) {
            return;
        }
        try {
            cases.contacted(reply.caseNumber(), "citizen", reply.stop() ? "短信回复退订 (the caller unsubscribed: "
                    + "no more text messages or return-visit calls)" : "短信回复 (SMS reply): " + reply.text());
        } catch (RuntimeException e) {
            log.warn("The reply to case {} could not go into its history: {}", reply.caseNumber(), e.getMessage());
        }
    }
}
