package org.hotline12333.outreach;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline12333.cases.CaseOutreach;
import org.hotline12333.ivr.WorkingDays;
import org.hotline12333.privacy.Mask;
import org.hotline12333.telephony.AsteriskProperties;
import org.hotline12333.telephony.PbxActionException;
import org.hotline12333.telephony.PbxActions;
import org.hotline12333.telephony.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import static org.hotline12333.outreach.ReturnVisitStore.State;

/**
 * The 回访 campaign, run by Quartz ({@link ReturnVisitSchedule}) only while the centre is open by the IVR's calendar:
 * each due visit is claimed (one instance dials it) and Asterisk is asked to call the citizen through
 * {@code [hotline-outbound]}; once they answer, the dialplan hands the call to the service over FastAGI
 * ({@link ReturnVisitCall}). An attempt that fails (no answer, busy: Asterisk's OriginateResponse) or that Asterisk never
 * reports on within {@code answer-wait} is tried again after {@code retry-interval}, up to {@code max-attempts} calls.
 */
@Component
class ReturnVisitCampaign {

    static final String CONTEXT = "hotline-outbound-call";
    private static final Logger log = LoggerFactory.getLogger(ReturnVisitCampaign.class);
    private static final List<State> WAITING = List.of(State.DIALLING);

    private final ReturnVisitStore store;
    private final ReturnVisits visits;
    private final CaseOutreach cases;
    private final PbxActions pbx;
    private final AsteriskProperties asterisk;
    private final WorkingDays calendar;
    private final ContactLog contacts;
    private final OutreachProperties.ReturnVisit properties;
    private final Clock clock;

    ReturnVisitCampaign(ReturnVisitStore store, ReturnVisits visits, CaseOutreach cases, PbxActions pbx,
                        AsteriskProperties asterisk, WorkingDays calendar, ContactLog contacts,
                        OutreachProperties properties, Clock clock) {
        this.store = store;
        this.visits = visits;
        this.cases = cases;
        this.pbx = pbx;
        this.asterisk = asterisk;
        this.calendar = calendar;
        this.contacts = contacts;
        this.properties = properties.returnVisit();
        this.clock = clock;
    }

    /** One run: attempts nobody heard of are given up, then due visits are called. Returns how many were called. */
    int run() {
        Instant now = clock.instant();
        for (ReturnVisitStore.Visit silent : store.silentSince(now.minus(properties.answerWait()))) {
            attemptFailed(silent, silent.attemptId(), "no answer: nothing heard from Asterisk within "
                    + properties.answerWait().toSeconds() + " s");
        }
        if (!properties.enabled() || !calendar.isOpen(now) || asterisk.nodes().isEmpty()) {
            return 0;
        }
        int called = 0;
        for (ReturnVisitStore.Visit visit : store.due(now, properties.perRun())) {
            if (call(visit)) {
                called++;
            }
        }
        return called;
    }

    private boolean call(ReturnVisitStore.Visit visit) {
        Instant now = clock.instant();
        String skip = visits.whyNot(visit.recipient());
        if (skip == null && visit.kind() == ReturnVisitStore.Kind.CALL && !cases.ofCall(visit.originCallId()).isEmpty()) {
            skip = "the call has a case now: its return visit follows the case's closing";
        }
        if (skip != null) {
            store.move(visit.id(), null, List.of(State.PENDING), State.SKIPPED, null, skip, now);
            return false;
        }
        String attempt = "rv-" + visit.id() + "-" + (visit.attempts() + 1);
        if (!store.claim(visit.id(), attempt, now)) {
            return false;
        }
        String node = asterisk.nodes().get(0).name();
        try {
            pbx.originateToExtension(node, "Local/" + visit.recipient() + "@hotline-outbound", CONTEXT, "s",
                    properties.callerId(), properties.ringTimeout(), Map.of(
                            "HOTLINE_OUTBOUND", "return-visit?visit=" + visit.id() + "&attempt=" + attempt,
                            "HOTLINE_OUTBOUND_CALLERID", properties.callerId(), "HOTLINE_ROLE", "return-visit"),
                    attempt);
        } catch (PbxActionException e) {
            attemptFailed(store.find(visit.id()).orElseThrow(), attempt, "could not be dialled: " + e.getMessage());
            return false;
        }
        contacts.add(ContactLog.Channel.CALL, "RETURN_VISIT", visit.recipient(), visit.caseNumber(),
                visit.originCallId(), attempt, "system", "calling (attempt " + (visit.attempts() + 1) + " of "
                        + properties.maxAttempts() + ")");
        log.info("Return visit #{}: calling {} (attempt {})", visit.id(), Mask.phone(visit.recipient()),
                visit.attempts() + 1);
        return true;
    }

    /** Asterisk says an attempt did not connect (no answer, busy, congestion...). */
    @EventListener
    void originateFailed(PbxEvent.OriginateFailed failed) {
        if (failed.uniqueId() == null || !failed.uniqueId().startsWith("rv-")) {
            return;
        }
        store.byAttempt(failed.uniqueId()).ifPresent(visit -> attemptFailed(visit, failed.uniqueId(),
                failed.reasonInWords()));
    }

    private void attemptFailed(ReturnVisitStore.Visit visit, String attempt, String why) {
        Instant now = clock.instant();
        boolean last = visit.attempts() >= properties.maxAttempts();
        State next = last ? State.NO_ANSWER : State.PENDING;
        String result = why + " (attempt " + visit.attempts() + " of " + properties.maxAttempts() + ")";
        if (store.move(visit.id(), attempt, WAITING, next, last ? null : now.plus(properties.retryInterval()), result,
                now)) {
            contacts.add(ContactLog.Channel.CALL, "RETURN_VISIT", visit.recipient(), visit.caseNumber(),
                    visit.originCallId(), attempt, "system", result + (last ? ": given up" : ": called again later"));
        }
    }

}
