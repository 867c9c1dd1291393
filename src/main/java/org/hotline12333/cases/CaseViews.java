package org.hotline12333.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.privacy.Mask;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Builds what a reader sees of a case: staff see all of it, a department what {@link CaseView} says. Every whole case
 * shown is a read of personal data and goes to the access log.
 */
@Component
class CaseViews {

    static final String HIDDEN = "（保密）";

    private final Classifications classifications;
    private final Departments departments;
    private final CaseHistory history;
    private final CaseCalls calls;
    private final CallRecords records;
    private final Recordings recordings;
    private final CaseAccessLog accessLog;
    private final Clock clock;
    private final ObjectProvider<CaseContacts> contacts;

    CaseViews(Classifications classifications, Departments departments, CaseHistory history, CaseCalls calls,
              CallRecords records, Recordings recordings, CaseAccessLog accessLog, Clock clock,
              ObjectProvider<CaseContacts> contacts) {
        this.contacts = contacts;
        this.classifications = classifications;
        this.departments = departments;
        this.history = history;
        this.calls = calls;
        this.records = records;
        this.recordings = recordings;
        this.accessLog = accessLog;
        this.clock = clock;
    }

    CaseView forStaff(CaseRecord c, String reader) {
        accessLog.viewed(reader, c.number());
        return view(c, false);
    }

    CaseView forDepartment(CaseRecord c, String reader) {
        accessLog.viewed(reader, c.number());
        return view(c, true);
    }

    List<CaseView.Line> linesForStaff(List<CaseRecord> cases) {
        return cases.stream().map(c -> line(c, false)).toList();
    }

    List<CaseView.Line> linesForDepartment(List<CaseRecord> cases) {
        return cases.stream().map(c -> line(c, true)).toList();
    }

    CaseView.DepartmentRef department(String code) {
        return code == null ? null : new CaseView.DepartmentRef(code, departments.name(code));
    }

    private CaseView view(CaseRecord c, boolean department) {
        Instant now = clock.instant();
        boolean hide = department && c.confidential();
        CaseResult result = c.result();
        return new CaseView(c.number(), c.kind(), c.kind().chinese(), classification(c.classification()),
                text(c, c.summary(), department), text(c, c.details(), department),
                hide ? new CaseView.Caller(null, null, null, true)
                        : new CaseView.Caller(c.callerNumber(), c.callerName(), c.idNumber(), false),
                c.urgent(), c.confidential(), c.complaintAbout(), department ? null : c.complainedAgent(), c.owner(),
                department(c.department()), c.state(), c.state().chinese(), c.registeredAt(), c.handedOffAt(),
                c.signedForAt(), c.repliedAt(), c.closedAt(), c.signForDue(), c.finishDue(), c.nextDue(),
                c.overdue(now), text(c, c.reply(), department), text(c, c.answer(), department), result,
                result == null ? null : result.chinese(), c.returnedCount(), c.reopenedCount(),
                department ? List.of() : callLinks(c), history(c, department), c.replyNotice(), c.returnVisit(),
                c.returnVisitAt(), department ? List.of() : contacts(c));
    }

    private CaseView.Line line(CaseRecord c, boolean department) {
        boolean hide = department && c.confidential();
        return new CaseView.Line(c.number(), c.kind(), c.kind().chinese(), classification(c.classification()),
                text(c, c.summary(), department), c.state(), c.state().chinese(), c.urgent(), c.confidential(),
                hide ? null : c.callerNumber(), c.owner(), department(c.department()), c.registeredAt(), c.nextDue(),
                c.overdue(clock.instant()));
    }

    /** Text messages and calls to the caller about the case, with their delivery state (outreach). */
    private List<CaseContacts.Contact> contacts(CaseRecord c) {
        CaseContacts source = contacts.getIfAvailable();
        return source == null ? List.of() : source.of(c.number());
    }

    private List<CaseHistory.Entry> history(CaseRecord c, boolean department) {
        return history.of(c.id()).stream().map(e -> new CaseHistory.Entry(e.at(), e.actor(), e.action(), e.from(),
                e.to(), e.department(), text(c, e.text(), department))).toList();
    }

    private List<CaseView.CallLink> callLinks(CaseRecord c) {
        return calls.of(c.id()).stream().map(link -> {
            CallSummary call = records.find(link.callId()).orElse(null);
            String recording = recordings.findByCall(link.callId()).map(RecordingView::id).orElse(null);
            return new CaseView.CallLink(link.callId(), link.relation(), link.linkedAt(),
                    call == null ? null : call.startedAt(),
                    call == null || call.routing() == null ? null : call.routing().agent(), recording,
                    recording == null ? null : "/api/recordings/" + recording + "/audio");
        }).toList();
    }

    private CaseView.ClassRef classification(String code) {
        return classifications.find(code).map(k -> new CaseView.ClassRef(k.code(), k.name(), k.path()))
                .orElse(new CaseView.ClassRef(code, null, null));
    }

    /**
     * Free text as this reader may see it: for a department, a confidential case's caller (name, number, ID number)
     * is taken out, and any other phone or ID number masked.
     */
    static String text(CaseRecord c, String text, boolean department) {
        if (text == null || !department || !c.confidential()) {
            return text;
        }
        String shown = text;
        if (c.callerName() != null && !c.callerName().isBlank()) {
            shown = shown.replace(c.callerName(), HIDDEN);
        }
        if (c.callerNumber() != null && c.callerNumber().length() >= 5) {
            shown = shown.replace(c.callerNumber(), HIDDEN);
        }
        shown = Mask.inText(shown);
        return c.idNumber() == null ? shown : shown.replace(c.idNumber(), HIDDEN);
    }
}
