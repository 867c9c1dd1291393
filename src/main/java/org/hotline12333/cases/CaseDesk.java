package org.hotline12333.cases;

import java.time.Clock;
import java.util.List;
import org.hotline12333.call.CallRecords;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * What staff do with cases after registering them: their own open cases, notes, later calls, the hand-off to a
 * department, closing with the answer given, reopening. Hand-off and closing are the owner's (首问负责) or a
 * supervisor's; any agent may add a note, link a call or reopen a case when the caller is not satisfied.
 */
@Service
class CaseDesk {

    private final CaseRepository cases;
    private final CaseSteps steps;
    private final CaseCalls calls;
    private final CaseHistory history;
    private final CaseEffects effects;
    private final CallRecords records;
    private final Clock clock;

    CaseDesk(CaseRepository cases, CaseSteps steps, CaseCalls calls, CaseHistory history, CaseEffects effects,
             CallRecords records, Clock clock) {
        this.cases = cases;
        this.steps = steps;
        this.calls = calls;
        this.history = history;
        this.effects = effects;
        this.records = records;
        this.clock = clock;
    }

    /** The open cases this agent owns, newest first. */
    @Transactional(readOnly = true)
    List<CaseRecord> mine(Actor actor, int limit) {
        if (actor.workNumber() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no agent is linked to user '"
                    + actor.username() + "'");
        }
        return cases.findByOwnerAndStateNotOrderByRegisteredAtDesc(actor.workNumber(), CaseState.CLOSED,
                PageRequest.of(0, limit));
    }

    @Transactional(readOnly = true)
    CaseRecord find(String number) {
        return cases.findByNumber(number).orElseThrow(() -> Actor.notFound(number));
    }

    CaseRecord note(Actor actor, String number, String text) {
        return steps.apply(number, c -> steps.note(c, text, actor.username()));
    }

    CaseRecord linkCall(Actor actor, String number, String callId) {
        if (callId == null || callId.isBlank() || records.find(callId.strip()).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "callId: no call " + callId);
        }
        return steps.apply(number, c -> {
            if (calls.link(c.id(), callId.strip(), CaseCalls.Relation.FOLLOW_UP, actor.username(), clock.instant())) {
                history.append(c, actor.username(), CaseHistory.Action.CALL_LINKED, c.state(), callId.strip(),
                        clock.instant());
            }
        });
    }

    CaseRecord handOff(Actor actor, String number, String department, String instructions) {
        return steps.apply(number, c -> {
            actor.mustOwnOrSupervise(c, "hand off");
            steps.handOff(c, department, instructions, actor.username());
        });
    }

    CaseRecord close(Actor actor, String number, String answer, CaseResult result) {
        CaseRecord closed = steps.apply(number, c -> {
            actor.mustOwnOrSupervise(c, "close");
            steps.close(c, answer, result, actor.username());
        });
        effects.closed(closed);
        return closed;
    }

    CaseRecord reopen(Actor actor, String number, String reason) {
        CaseRecord reopened = steps.apply(number, c -> steps.reopen(c, reason, actor.username()));
        effects.reopened(reopened, actor.username());
        return reopened;
    }
}
