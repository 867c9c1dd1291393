package org.hotline12333.cases;

import java.time.Instant;

/** A department replied to a case in writing (after its transaction committed): the caller is to be told. */
public record CaseReplied(String number, ReplyNotice notice, String owner, Instant at) {
}
