package org.hotline12333.cases;

import java.time.Instant;
import java.util.List;

/**
 * The port through which a case shows the contacts made with its caller after the call (text messages with their
 * delivery state, callbacks, return visits); implemented by the outreach feature, so cases need not know it.
 */
public interface CaseContacts {

    List<Contact> of(String caseNumber);

    /**
     * @param channel SMS or CALL
     * @param state   where it is now (DELIVERED, QUEUED, ANSWERED, NO_ANSWER...), with its Chinese name
     */
    record Contact(String channel, String purpose, Instant at, String state, String stateName, String detail) {
    }
}
