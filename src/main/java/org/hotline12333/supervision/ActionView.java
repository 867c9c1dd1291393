package org.hotline12333.supervision;

import java.time.Instant;

/**
 * One supervisor action, as the audit list and the floor show it.
 *
 * @param actor   the supervisor (or administrator) who acted
 * @param callId  the call acted on (intercept, release, monitoring), else null
 * @param agent   the agent acted on, or the agent of the call
 * @param reason  why, in the supervisor's words
 * @param detail  what was asked and what happened, in words
 * @param outcome REQUESTED until Asterisk has carried it out; DONE, PENDING (a forced state waiting for the call to
 *                end), FAILED (with the reason in {@code detail}) or REPLACED (a later forced state took its place)
 */
record ActionView(long id, Kind kind, String actor, Instant at, String callId, String agent, String reason,
                  String detail, Outcome outcome, Instant outcomeAt) {

    enum Kind { MONITOR, INTERCEPT, RELEASE, FORCE_STATE, SKILL_MOVE, SKILL_MOVE_UNDONE }

    enum Outcome { REQUESTED, DONE, PENDING, FAILED, REPLACED }
}
