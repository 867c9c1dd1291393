package org.hotline12333.cases;

import java.time.Instant;

/**
 * A deadline of a case passed with its work not done, and supervisors were alerted (督办). Published once per case,
 * deadline and due time, whichever instance saw it.
 *
 * @param deadline   SIGN_FOR (签收) or FINISH (办结)
 * @param department the department it is with, if any
 */
public record CaseEscalated(String number, String deadline, Instant due, String department, String owner,
                            Instant at) {
}
