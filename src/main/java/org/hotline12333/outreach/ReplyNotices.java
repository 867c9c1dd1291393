package org.hotline12333.outreach;

import org.hotline12333.cases.CaseOutreach;
import org.hotline12333.cases.CaseReplied;
import org.hotline12333.cases.ReplyNotice;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.CallbackEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Telling the caller that a department replied (回复告知), as the case says: a text message (the reply itself when it
 * fits and the case is not confidential), or a callback from the case's owner (首问负责: offered to them alone, whenever
 * they are ready). A landline gets the callback even when a message was asked for; a number on the stop list gets
 * neither. Each step goes into the case's history.
 */
@Component
class ReplyNotices {

    private static final Logger log = LoggerFactory.getLogger(ReplyNotices.class);
    private static final String ACTOR = "system";
    static final String GROUP = "general";

    private final CaseOutreach cases;
    private final Outbox outbox;
    private final SmsTemplates templates;
    private final StopList stopList;
    private final CallRouting routing;
    private final ContactLog contacts;

    ReplyNotices(CaseOutreach cases, Outbox outbox, SmsTemplates templates, StopList stopList, CallRouting routing,
                 ContactLog contacts) {
        this.cases = cases;
        this.outbox = outbox;
        this.templates = templates;
        this.stopList = stopList;
        this.routing = routing;
        this.contacts = contacts;
    }

    @EventListener
    void replied(CaseReplied replied) {
        if (replied.notice() == ReplyNotice.NONE) {
            return;
        }
        cases.find(replied.number()).ifPresent(c -> {
            String number = c.callerNumber();
            String normal = MobileNumbers.isMobile(number) ? MobileNumbers.normal(number) : number;
            if (number == null || stopList.stopped(normal)) {
                note(c.number(), "回复告知: not told (" + (number == null ? "no number" : "the caller replied 退订")
                        + ")");
                return;
            }
            if (replied.notice() == ReplyNotice.SMS && MobileNumbers.isMobile(number)) {
                try {
                    long id = outbox.queue(new OutboxStore.NewMessage(SmsPurpose.CASE_REPLY, number,
                            templates.caseReply(c.number(), c.reply(), c.confidential()), c.originCallId(), c.number(),
                            null, null, ACTOR));
                    note(c.number(), "回复告知: text message #" + id + " queued" + (c.confidential()
                            ? " (confidential: it names the case number only)" : ""));
                    return;
                } catch (ResponseStatusException e) {
                    log.warn("Case {}: the reply's text message was refused ({}); its owner calls back instead",
                            c.number(), e.getReason());
                }
            }
            boolean stored = c.originCallId() != null && routing.requestCallback(c.originCallId(), number,
                    GROUP, c.owner(), null, c.number());
            note(c.number(), stored ? "回复告知: a callback from agent " + c.owner() + " is waiting for them"
                    : "回复告知: the number cannot be called back; the owner contacts the caller");
            contacts.add(ContactLog.Channel.CALL, "REPLY_CALLBACK", number, c.number(), c.originCallId(), null, ACTOR,
                    stored ? "callback stored for agent " + c.owner() : "no callback: the number cannot be dialled");
        });
    }

    /** A reply's callback is over: it goes into the case, with its call (and recording). */
    @EventListener
    void callbackEnded(CallbackEnded ended) {
        if (ended.reference() == null || cases.find(ended.reference()).isEmpty()) {
            return;
        }
        cases.linkCall(ended.reference(), ended.callId(), "agent " + ended.agent());
        note(ended.reference(), ended.answered() ? "回复告知: agent " + ended.agent() + " called the caller back"
                : "回复告知: agent " + ended.agent() + "'s callback did not reach the caller (" + ended.outcome() + ")");
    }

    private void note(String caseNumber, String text) {
        try {
            cases.contacted(caseNumber, ACTOR, text);
        } catch (RuntimeException e) {
            log.warn("Case {}: could not note '{}': {}", caseNumber, text, e.getMessage());
        }
    }
}
