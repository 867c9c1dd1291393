package org.hotline12333.cases;

import java.time.Instant;
import java.util.List;

/**
 * A whole case as the API and the pages show it. A department sees no calls, no complained-about agent, and, for a
 * confidential case (保密), neither the caller's number, name nor ID number, in any field or history entry.
 *
 * @param nextDue the deadline that runs now (signing for, else finishing); null once replied or closed
 * @param overdue whether a running deadline has passed
 */
record CaseView(String number, CaseKind kind, String kindName, ClassRef classification, String summary,
                String details, Caller caller, boolean urgent, boolean confidential, ComplaintAbout complaintAbout,
                String complainedAgent, String owner, DepartmentRef department, CaseState state, String stateName,
                Instant registeredAt, Instant handedOffAt, Instant signedForAt, Instant repliedAt, Instant closedAt,
                Instant signForDue, Instant finishDue, Instant nextDue, boolean overdue, String reply, String answer,
                CaseResult result, String resultName, int returnedCount, int reopenedCount, List<CallLink> calls,
                List<CaseHistory.Entry> history, ReplyNotice replyBy, org.hotline12333.call.Satisfaction returnVisit,
                Instant returnVisitAt, List<CaseContacts.Contact> contacts) {

    /** @param hidden the case is confidential and the reader a department: nothing about the caller is shown */
    record Caller(String number, String name, String idNumber, boolean hidden) {
    }

    record ClassRef(String code, String name, String path) {
    }

    record DepartmentRef(String code, String name) {
    }

    /**
     * @param agent       work number of the agent who answered the call
     * @param recordingId its recording, if there is one; {@code audio} plays it (access logged by recordings)
     */
    record CallLink(String callId, CaseCalls.Relation relation, Instant linkedAt, Instant startedAt, String agent,
                    String recordingId, String audio) {
    }

    /** A case in a list. */
    record Line(String number, CaseKind kind, String kindName, ClassRef classification, String summary,
                CaseState state, String stateName, boolean urgent, boolean confidential, String callerNumber,
                String owner, DepartmentRef department, Instant registeredAt, Instant nextDue, boolean overdue) {
    }
}
