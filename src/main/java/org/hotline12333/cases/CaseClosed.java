package org.hotline12333.cases;

import java.time.Instant;

/**
 * A case was closed (after its transaction committed): e.g. for a return visit (回访) to ask the caller whether they
 * are satisfied. A confidential case carries no caller number.
 *
 * @param onTheCall whether it was closed on the call it came from (直接办结), never handed to a department
 */
public record CaseClosed(String number, CaseKind kind, String classification, String callerNumber,
                         boolean confidential, boolean onTheCall, Instant at) {
}
