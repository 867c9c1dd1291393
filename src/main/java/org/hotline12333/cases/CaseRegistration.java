package org.hotline12333.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.cases.CaseHistory.Action;
import org.hotline12333.ivr.ResidentId;
import org.hotline12333.privacy.Mask;
import org.hotline12333.recording.RecordingView;
import org.hotline12333.recording.Recordings;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Registers a case from a call: the one the agent is on, the one they just had, or one they name. Its owner is the
 * agent who answered that call (首问负责); its caller comes from the call record. It may be handed off or closed on
 * the call (直接办结) in the same request. Everything is checked before anything is written.
 */
@Service
class CaseRegistration {

    /** What the agent sends; {@link CaseController.NewCaseRequest} documents each field. */
    record NewCase(String callId, CaseKind kind, String classification, String summary, String details,
                   String callerName, String idNumber, boolean urgent, boolean confidential,
                   ComplaintAbout complaintAbout, String complainedCallId, String handOffTo, String instructions,
                   String answer, CaseResult result, ReplyNotice replyBy) {
    }

    private final CaseRepository cases;
    private final CaseNumbers numbers;
    private final CaseHistory history;
    private final CaseCalls calls;
    private final CaseSteps steps;
    private final CaseEffects effects;
    private final Classifications classifications;
    private final Deadlines deadlines;
    private final CallRecords records;
    private final Recordings recordings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CaseRegistration(CaseRepository cases, CaseNumbers numbers, CaseHistory history, CaseCalls calls,
                     CaseSteps steps, CaseEffects effects, Classifications classifications, Deadlines deadlines,
                     CallRecords records, Recordings recordings, TransactionTemplate transactions, Clock clock) {
        this.cases = cases;
        this.numbers = numbers;
        this.history = history;
        this.calls = calls;
        this.steps = steps;
        this.effects = effects;
        this.classifications = classifications;
        this.deadlines = deadlines;
        this.records = records;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
    }

    CaseRecord register(Actor actor, NewCase request) {
        Classification classification = classifications.assignable(request.classification());
        CallSummary call = call(actor, request.callId());
        String owner = call.routing() == null ? null : call.routing().agent();
        if (owner == null) {
            throw problem(HttpStatus.CONFLICT, "call " + call.id() + " was not answered by an agent: a case is "
                    + "registered by the agent who took the call");
        }
        if (!actor.supervisor() && !owner.equals(actor.workNumber())) {
            throw problem(HttpStatus.FORBIDDEN, "call " + call.id() + " was answered by agent " + owner
                    + ": the agent who took it registers its case (首问负责)");
        }
        if (request.handOffTo() != null && request.answer() != null) {
            throw problem(HttpStatus.BAD_REQUEST, "handOffTo, answer: a new case is either handed off or closed on "
                    + "the call, not both");
        }
        CallSummary complained = complainedCall(request);
        Optional<RecordingView> recording = complained == null ? Optional.empty()
                : recordings.findByCall(complained.id());
        CaseRecord.Matter matter = new CaseRecord.Matter(request.kind(), classification.code(),
                request.summary().strip(), blankToNull(request.details()), call.callerNumber(),
                blankToNull(request.callerName()), maskedId(request.idNumber()), request.urgent(),
                request.confidential(), request.complaintAbout(),
                complained == null ? null : complained.routing().agent());
        Instant now = clock.instant();
        String by = actor.username();
        CaseRecord registered = transactions.execute(status -> {
            String number = numbers.next(now.atZone(deadlines.zone()).toLocalDate());
            CaseRecord fresh = new CaseRecord(number, matter, owner, now,
                    deadlines.finish(matter.kind(), matter.urgent(), now));
            fresh.replyNotice(request.replyBy());
            CaseRecord c = cases.save(fresh);
            history.append(c, by, Action.REGISTERED, null, matter.kind().chinese() + " " + classification.code()
                    + " " + classification.path() + ": " + matter.summary(), now);
            calls.link(c.id(), call.id(), CaseCalls.Relation.ORIGIN, by, now);
            if (complained != null) {
                calls.link(c.id(), complained.id(), CaseCalls.Relation.COMPLAINED_ABOUT, by, now);
                history.append(c, by, Action.QUALITY_REVIEW, c.state(), recording
                        .map(r -> "complaint about agent " + matter.complainedAgent() + ": recording " + r.id()
                                + " of call " + complained.id() + " goes to quality review")
                        .orElse("complaint about agent " + matter.complainedAgent() + ": call " + complained.id()
                                + " has no recording for quality review"), now);
            }
            if (request.handOffTo() != null) {
                steps.handOff(c, request.handOffTo(), request.instructions(), by);
            } else if (request.answer() != null) {
                steps.close(c, request.answer(), request.result(), by);
            }
            return c;
        });
        recording.ifPresent(r -> effects.complaintRecording(registered, r.id(), true, by));
        effects.registered(registered, call.id());
        return registered;
    }

    /** The call named, else the one the agent is on, else the last one they answered. */
    private CallSummary call(Actor actor, String callId) {
        if (callId != null && !callId.isBlank()) {
            return records.find(callId.strip()).orElseThrow(() -> problem(HttpStatus.BAD_REQUEST,
                    "callId: no call " + callId.strip()));
        }
        if (actor.workNumber() == null) {
            throw problem(HttpStatus.BAD_REQUEST, "callId: user '" + actor.username() + "' is not an agent, so "
                    + "the call must be named");
        }
        return records.answeredBy(actor.workNumber(), 1).stream().findFirst()
                .orElseThrow(() -> problem(HttpStatus.CONFLICT, "agent " + actor.workNumber() + " has no call to "
                        + "register a case from"));
    }

    private CallSummary complainedCall(NewCase request) {
        boolean complaint = request.kind() == CaseKind.COMPLAINT;
        if (complaint && request.complaintAbout() == null) {
            throw problem(HttpStatus.BAD_REQUEST, "complaintAbout: a complaint says what it is about: POLICY, "
                    + "DEPARTMENT or STAFF");
        }
        if (!complaint && (request.complaintAbout() != null || request.complainedCallId() != null)) {
            throw problem(HttpStatus.BAD_REQUEST, "complaintAbout, complainedCallId: only for kind COMPLAINT");
        }
        if (request.complaintAbout() != ComplaintAbout.STAFF) {
            if (request.complainedCallId() != null) {
                throw problem(HttpStatus.BAD_REQUEST, "complainedCallId: only for a complaint about STAFF");
            }
            return null;
        }
        if (request.complainedCallId() == null || request.complainedCallId().isBlank()) {
            throw problem(HttpStatus.BAD_REQUEST, "complainedCallId: a complaint about staff names the call it is "
                    + "about (its recording goes to quality review)");
        }
        CallSummary complained = records.find(request.complainedCallId().strip()).orElseThrow(() -> problem(
                HttpStatus.BAD_REQUEST, "complainedCallId: no call " + request.complainedCallId().strip()));
        if (complained.routing() == null || complained.routing().agent() == null) {
            throw problem(HttpStatus.BAD_REQUEST, "complainedCallId: call " + complained.id()
                    + " was not answered by an agent");
        }
        return complained;
    }

    private String maskedId(String idNumber) {
        if (idNumber == null || idNumber.isBlank()) {
            return null;
        }
        String id = idNumber.strip().toUpperCase();
        if (!ResidentId.isValid(id, LocalDate.now(clock))) {
            throw problem(HttpStatus.BAD_REQUEST, "idNumber: not a valid resident ID number (18 characters with a "
                    + "correct check character)");
        }
        return Mask.inText(id);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static ResponseStatusException problem(HttpStatus status, String detail) {
        return new ResponseStatusException(status, detail);
    }
}
