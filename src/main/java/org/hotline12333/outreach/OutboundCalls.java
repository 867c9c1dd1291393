package org.hotline12333.outreach;

import java.util.List;
import org.hotline12333.cases.CaseContacts;
import org.springframework.stereotype.Component;

/** The calls the service makes to citizens: return visits (回访) and the callbacks that tell them of a reply. */
@Component
class OutboundCalls {

    List<CaseContacts.Contact> ofCase(String caseNumber) {
        return List.of();
    }
}
