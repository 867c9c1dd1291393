package org.hotline12333.outreach;

import java.util.List;
import org.hotline12333.cases.CaseContacts;
import org.springframework.stereotype.Component;

/** The calls the service made to a case's caller, as the case shows them: return visits (回访) with their outcome. */
@Component
class OutboundCalls {

    private final ReturnVisitStore visits;

    OutboundCalls(ReturnVisitStore visits) {
        this.visits = visits;
    }

    List<CaseContacts.Contact> ofCase(String caseNumber) {
        return visits.search(null, caseNumber, 20).stream()
                .map(v -> new CaseContacts.Contact("CALL", "RETURN_VISIT", v.attemptAt() != null ? v.attemptAt()
                        : v.dueAt(), v.state().name(), v.stateName(), "回访 " + v.recipient()
                        + (v.answer() == null ? "" : ": " + v.answer()) + (v.lastResult() == null ? ""
                        : " (" + v.lastResult() + ")")))
                .toList();
    }
}
