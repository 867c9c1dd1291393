package org.hotline12333.outreach;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline12333.call.CallRecords;
import org.hotline12333.call.CallSummary;
import org.hotline12333.call.Satisfaction;
import org.hotline12333.cases.CaseOutreach;
import org.hotline12333.ivr.ScriptRunner;
import org.hotline12333.ivr.WorkingDays;
import org.hotline12333.recording.CallRecorder;
import org.hotline12333.routing.CallRouting;
import org.hotline12333.routing.RouteRequest;
import org.hotline12333.telephony.CallChannel;
import org.hotline12333.telephony.CallGoneException;
import org.hotline12333.telephony.CallHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import static org.hotline12333.outreach.ReturnVisitStore.State;

/**
 * A return-visit call the citizen answered, handed over by the dialplan
 * ({@code AGI(agi://…/return-visit?visit=ID&attempt=…)}): a call like every other (its Call record says
 * RETURN_VISIT and whom it called; it is recorded from the start), running the survey script of ivr-scripts/
 * (greeting, the case read out, 1/2/3, thanks). The answer goes on the visit and on the case: 不满意 reopens it. A
 * citizen who hangs up before answering leaves the visit HUNG_UP, not called again; 0 puts them through to a person.
 */
@Component
class ReturnVisitCall implements CallHandler {

    private static final Logger log = LoggerFactory.getLogger(ReturnVisitCall.class);
    private static final String ACTOR = "return-visit";

    private final ReturnVisitStore store;
    private final ScriptRunner scripts;
    private final CallRecorder recorder;
    private final CallRecords records;
    private final CallRouting routing;
    private final CaseOutreach cases;
    private final ContactLog contacts;
    private final WorkingDays calendar;
    private final OutreachProperties.ReturnVisit properties;
    private final Clock clock;

    ReturnVisitCall(ReturnVisitStore store, ScriptRunner scripts, CallRecorder recorder, CallRecords records,
                    CallRouting routing, CaseOutreach cases, ContactLog contacts, WorkingDays calendar,
                    OutreachProperties properties, Clock clock) {
        this.store = store;
        this.scripts = scripts;
        this.recorder = recorder;
        this.records = records;
        this.routing = routing;
        this.cases = cases;
        this.contacts = contacts;
        this.calendar = calendar;
        this.properties = properties.returnVisit();
        this.clock = clock;
    }

    @Override
    public String script() {
        return "return-visit";
    }

    @Override
    public void handle(CallChannel call) {
        String callId = call.info().callId();
        Optional<ReturnVisitStore.Visit> found = visit(call);
        if (found.isEmpty() || !call.info().fromAsterisk()) {
            log.warn("Return-visit call {} names no visit this service made ({}): hung up", callId,
                    call.info().parameters());
            call.hangup();
            return;
        }
        ReturnVisitStore.Visit visit = found.get();
        records.outbound(callId, "RETURN_VISIT", visit.recipient());
        store.inCall(visit.id(), callId, clock.instant());
        if (visit.caseNumber() != null) {
            cases.linkCall(visit.caseNumber(), callId, ACTOR);
        }
        call.answer();
        recorder.start(call);
        ScriptRunner.Outcome outcome;
        try {
            outcome = scripts.run(call, properties.menu(), values(visit));
        } catch (CallGoneException e) {
            ended(visit, State.HUNG_UP, "hung up during the survey, before answering");
            throw e;
        }
        String answer = outcome.data().get("returnVisit");
        if (answer != null) {
            answered(visit, Satisfaction.valueOf(answer), callId);
        } else if (outcome.toPersonGroup() != null) {
            ended(visit, State.TO_PERSON, "asked for a person: put through to " + outcome.toPersonGroup());
            routing.connect(call, RouteRequest.toGroup(outcome.toPersonGroup()));
        } else if (call.isGone()) {
            ended(visit, State.HUNG_UP, "hung up during the survey, before answering");
        } else {
            ended(visit, State.HUNG_UP, "pressed nothing the survey takes");
        }
    }

    private Optional<ReturnVisitStore.Visit> visit(CallChannel call) {
        try {
            long id = Long.parseLong(String.valueOf(call.info().parameter("visit")));
            String attempt = call.info().parameter("attempt");
            return store.find(id).filter(v -> attempt != null && attempt.equals(v.attemptId()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What the survey reads out: the case's registration day and number, or the day of the call checked. */
    private Map<String, Object> values(ReturnVisitStore.Visit visit) {
        Map<String, Object> values = new HashMap<>();
        if (visit.caseNumber() != null) {
            String[] parts = visit.caseNumber().split("-"); // 12333-20261130-0001
            values.put("about", "case");
            values.put("caseDate", LocalDate.parse(parts[1], java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            values.put("caseSequence", parts[2]);
        } else {
            Instant started = records.find(visit.originCallId()).map(CallSummary::startedAt).orElse(visit.createdAt());
            values.put("about", "call");
            values.put("callDate", LocalDate.ofInstant(started, calendar.zone()));
        }
        return values;
    }

    private void answered(ReturnVisitStore.Visit visit, Satisfaction answer, String callId) {
        store.answered(visit.id(), answer.name(), clock.instant());
        contacts.add(ContactLog.Channel.CALL, "RETURN_VISIT", visit.recipient(), visit.caseNumber(),
                visit.originCallId(), callId, ACTOR, "answered: " + answer);
        if (visit.caseNumber() != null) {
            boolean reopened = cases.returnVisit(visit.caseNumber(), answer, callId, ACTOR);
            log.info("Return visit #{} of case {}: {}{}", visit.id(), visit.caseNumber(), answer,
                    reopened ? " — reopened" : "");
        } else if (visit.originCallId() != null) {
            log.info("Return visit #{} of call {}: {}", visit.id(), visit.originCallId(), answer);
        }
    }

    private void ended(ReturnVisitStore.Visit visit, State state, String why) {
        store.move(visit.id(), null, List.of(State.IN_CALL), state, null, why, clock.instant());
        contacts.add(ContactLog.Channel.CALL, "RETURN_VISIT", visit.recipient(), visit.caseNumber(),
                visit.originCallId(), visit.attemptId(), ACTOR, why);
    }
}
