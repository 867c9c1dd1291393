package org.hotline12333.cases;

import java.time.Clock;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.recording.Recordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What follows a committed change of a case outside its own tables: events for other features, alerts for
 * supervisors, a complained-about recording marked for quality review. None of these can undo the change; a failure
 * here is logged.
 */
@Component
class CaseEffects {

    private static final Logger log = LoggerFactory.getLogger(CaseEffects.class);

    private final ApplicationEventPublisher events;
    private final Alerts alerts;
    private final Recordings recordings;
    private final CaseCalls calls;
    private final Clock clock;

    CaseEffects(ApplicationEventPublisher events, Alerts alerts, Recordings recordings, CaseCalls calls, Clock clock) {
        this.events = events;
        this.alerts = alerts;
        this.recordings = recordings;
        this.calls = calls;
        this.clock = clock;
    }

    void registered(CaseRecord c, String callId) {
        events.publishEvent(new CaseRegistered(c.number(), c.kind(), c.classification(), callId, c.owner(), c.urgent(),
                c.registeredAt()));
        if (c.state() == CaseState.CLOSED) {
            closed(c);
        }
    }

    /** A closed case: its event, and the complaint taken off the recordings it was about. */
    void closed(CaseRecord c) {
        complaintRecordings(c, false, CaseHistory.SYSTEM);
        events.publishEvent(new CaseClosed(c.number(), c.kind(), c.classification(),
                c.confidential() ? null : c.callerNumber(), c.confidential(), c.handedOffAt() == null,
                c.closedAt()));
    }

    /** A department replied: the caller is to be told, as the case says (outreach). */
    void replied(CaseRecord c) {
        events.publishEvent(new CaseReplied(c.number(), c.replyNotice(), c.owner(), c.repliedAt()));
    }

    /** A reopened complaint about staff holds its recordings again. */
    void reopened(CaseRecord c, String by) {
        complaintRecordings(c, true, by);
    }

    /** Ties the recording to the complaint (quality's work queue takes the call) or unties it. */
    void complaintRecording(CaseRecord c, String recordingId, boolean open, String by) {
        try {
            recordings.setComplaintOpen(recordingId, open, by, "case " + c.number());
        } catch (RuntimeException e) {
            log.warn("Case {}: the complaint mark of recording {} could not be {}: {}", c.number(), recordingId,
                    open ? "set" : "cleared", e.getMessage());
        }
    }

    void extensionRequested(CaseRecord c, int workingDays, String by) {
        alerts.raise(AlertKind.CASE_OVERDUE, c.number(), "工单 " + c.number() + " 申请延期 " + workingDays
                + " 个工作日 (extension requested by " + by + " of " + c.department() + ", due " + c.finishDue()
                + "): a supervisor decides");
    }

    void escalated(CaseRecord c, DeadlineWatch.Deadline deadline, java.time.Instant due) {
        alerts.raise(AlertKind.CASE_OVERDUE, c.number(), "工单 " + c.number() + " 超过" + deadline.chinese()
                + "期限 (" + deadline.name().toLowerCase().replace('_', '-') + " deadline " + due + " passed): "
                + (c.department() == null ? "with its owner, agent " + c.owner() : "with " + c.department())
                + " — 督办");
        events.publishEvent(new CaseEscalated(c.number(), deadline.name(), due, c.department(), c.owner(),
                clock.instant()));
    }

    private void complaintRecordings(CaseRecord c, boolean open, String by) {
        if (c.complaintAbout() != ComplaintAbout.STAFF) {
            return;
        }
        calls.of(c.id()).stream().filter(link -> link.relation() == CaseCalls.Relation.COMPLAINED_ABOUT)
                .forEach(link -> recordings.findByCall(link.callId())
                        .ifPresent(r -> complaintRecording(c, r.id(), open, by)));
    }
}
