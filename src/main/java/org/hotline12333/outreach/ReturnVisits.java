package org.hotline12333.outreach;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.cases.CaseClosed;
import org.hotline12333.cases.CaseOutreach;
import org.hotline12333.ivr.WorkingDays;
import org.hotline12333.privacy.Mask;
import org.hotline12333.routing.DialStrings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import static org.hotline12333.outreach.ReturnVisitStore.Kind;
import static org.hotline12333.outreach.ReturnVisitStore.State;

/**
 * Which return visits (回访) there are: one for every closed case, due {@code after} its closing, and one for a seeded
 * sample of a day's answered calls that have no case (a check on the post-call survey). A confidential case (保密), a
 * number on the stop list or one that cannot be dialled gets a visit marked SKIPPED with the reason, never a call.
 */
@Service
class ReturnVisits {

    private static final Logger log = LoggerFactory.getLogger(ReturnVisits.class);

    private final ReturnVisitStore store;
    private final CaseOutreach cases;
    private final CallRecords records;
    private final StopList stopList;
    private final DialStrings dialStrings;
    private final ContactLog contacts;
    private final WorkingDays calendar;
    private final OutreachProperties.ReturnVisit properties;
    private final Clock clock;

    ReturnVisits(ReturnVisitStore store, CaseOutreach cases, CallRecords records, StopList stopList,
                 DialStrings dialStrings, ContactLog contacts, WorkingDays calendar, OutreachProperties properties,
                 Clock clock) {
        this.store = store;
        this.cases = cases;
        this.records = records;
        this.stopList = stopList;
        this.dialStrings = dialStrings;
        this.contacts = contacts;
        this.calendar = calendar;
        this.properties = properties.returnVisit();
        this.clock = clock;
    }

    @EventListener
    void caseClosed(CaseClosed closed) {
        if (!properties.enabled()) {
            return;
        }
        cases.find(closed.number()).ifPresent(c -> {
            String skip = c.confidential() ? "confidential case (保密): no automatic call; its owner decides"
                    : whyNot(c.callerNumber());
            Instant now = clock.instant();
            store.insert(Kind.CASE, c.callerNumber(), c.number(), null, c.owner(), c.department(),
                    skip == null ? State.PENDING : State.SKIPPED, closed.at().plus(properties.after()), skip, now);
            contacts.add(ContactLog.Channel.CALL, "RETURN_VISIT", c.callerNumber() == null ? "" : c.callerNumber(),
                    c.number(), null, null, "system", skip == null ? "return visit due "
                            + closed.at().plus(properties.after()) : "no return visit: " + skip);
        });
    }

    /**
     * Samples the answered calls of a day (in the calendar's zone) that belong to no case: each with probability
     * {@code rate}, seeded by the day, so running it twice picks the same calls (and makes no second visit).
     */
    int sample(LocalDate day, double rate) {
        ZoneId zone = calendar.zone();
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        Random random = new Random(day.toEpochDay());
        int made = 0;
        for (int page = 0; ; page++) {
            List<CallSummary> calls = records.answeredBetween(from, to, page, 500);
            for (CallSummary call : calls) {
                boolean picked = random.nextDouble() < rate;
                if (!picked || call.outboundPurpose() != null || !cases.ofCall(call.id()).isEmpty()
                        || store.exists(Kind.CALL, null, call.id())) {
                    continue;
                }
                String skip = whyNot(call.callerNumber());
                Instant now = clock.instant();
                store.insert(Kind.CALL, call.callerNumber(), null, call.id(), call.routing().agent(), null,
                        skip == null ? State.PENDING : State.SKIPPED, now.plus(properties.sampleDelay()), skip, now);
                made++;
            }
            if (calls.size() < 500) {
                break;
            }
        }
        log.info("Return visits: {} answered call(s) of {} without a case sampled", made, day);
        return made;
    }

    /** Why this number gets no call, or null when it may be called. */
    String whyNot(String number) {
        if (number == null || number.isBlank()) {
            return "no number to call";
        }
        try {
            dialStrings.outsideNumber(number);
        } catch (DialStrings.Refused e) {
            return "cannot be dialled: " + Mask.inText(e.getMessage());
        }
        return stopList.stopped(MobileNumbers.isMobile(number) ? MobileNumbers.normal(number) : number)
                ? "the citizen replied 退订: no more contact" : null;
    }

    List<ReturnVisitStore.View> search(State state, String caseNumber, int limit) {
        return store.search(state, caseNumber, limit);
    }
}
