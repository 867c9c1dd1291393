package org.hotline12333.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import org.hotline12333.cases.CaseHistory.Action;
import org.hotline12333.cases.CaseMachine.Step;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * The steps of a case, each with its history entry, in one transaction on the locked case: a step that is refused
 * (400 for what was sent, 409 for the state the case is in) leaves nothing behind.
 */
@Component
class CaseSteps {

    private final CaseRepository cases;
    private final CaseHistory history;
    private final Deadlines deadlines;
    private final Departments departments;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CaseSteps(CaseRepository cases, CaseHistory history, Deadlines deadlines, Departments departments,
              TransactionTemplate transactions, Clock clock) {
        this.cases = cases;
        this.history = history;
        this.deadlines = deadlines;
        this.departments = departments;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Locks the case, lets {@code change} take its steps, commits; returns the case as committed. */
    CaseRecord apply(String number, Consumer<CaseRecord> change) {
        return transactions.execute(status -> {
            CaseRecord c = cases.lockByNumber(number).orElseThrow(() -> Actor.notFound(number));
            change.accept(c);
            return c;
        });
    }

    void handOff(CaseRecord c, String department, String instructions, String actor) {
        String code = departments.takingCases(department).code();
        Instant now = clock.instant();
        CaseState from = c.step(Step.HAND_OFF);
        c.handedOff(code, now, deadlines.signFor(c.urgent(), now));
        history.append(c, actor, Action.HANDED_OFF, from, instructions, now);
    }

    void signFor(CaseRecord c, String actor) {
        Instant now = clock.instant();
        CaseState from = c.step(Step.SIGN_FOR);
        c.signedFor(now);
        history.append(c, actor, Action.SIGNED_FOR, from, null, now);
    }

    void giveBack(CaseRecord c, String reason, String actor) {
        String why = required(reason, "reason", "why it is returned");
        CaseState from = c.step(Step.RETURN);
        c.returned();
        history.append(c, actor, Action.RETURNED, from, why, clock.instant());
    }

    void reply(CaseRecord c, String text, CaseResult result, String actor) {
        required(text, "text", "the written reply");
        suits(c.kind(), result);
        Instant now = clock.instant();
        CaseState from = c.step(Step.REPLY);
        c.replied(text.strip(), result, now);
        history.append(c, actor, Action.REPLIED, from, text.strip() + resultText(result), now);
    }

    /** Closes with the answer given to the caller; the result defaults to the department's. */
    void close(CaseRecord c, String answer, CaseResult result, String actor) {
        required(answer, "answer", "the answer given to the caller");
        CaseResult closing = result != null ? result : c.result();
        suits(c.kind(), closing);
        Instant now = clock.instant();
        CaseState from = c.step(Step.CLOSE);
        c.closed(answer.strip(), closing, now);
        history.append(c, actor, Action.CLOSED, from, answer.strip() + resultText(closing), now);
    }

    void reopen(CaseRecord c, String reason, String actor) {
        required(reason, "reason", "why the caller is not satisfied");
        Instant now = clock.instant();
        CaseState from = c.step(Step.REOPEN);
        c.reopened(deadlines.finish(c.kind(), c.urgent(), now));
        history.append(c, actor, Action.REOPENED, from, reason.strip(), now);
    }

    void reassign(CaseRecord c, String department, String reason, String actor) {
        String code = departments.takingCases(department).code();
        if (code.equals(c.department()) && c.state() != CaseState.RETURNED) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "department: case " + c.number()
                    + " is with " + code + " already");
        }
        Instant now = clock.instant();
        CaseState from = c.step(Step.REASSIGN);
        c.handedOff(code, now, deadlines.signFor(c.urgent(), now));
        history.append(c, actor, Action.REASSIGNED, from, reason, now);
    }

    void changeOwner(CaseRecord c, String workNumber, String reason, String actor) {
        if (c.state() == CaseState.CLOSED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "case " + c.number() + " is CLOSED (已办结): "
                    + "its owner stays");
        }
        String before = c.owner();
        c.owner(workNumber);
        history.append(c, actor, Action.OWNER_CHANGED, c.state(), before + " → " + workNumber
                + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()), clock.instant());
    }

    void extend(CaseRecord c, int workingDays, String reason, String actor) {
        required(reason, "reason", "why more time is granted");
        CaseState from = c.step(Step.EXTEND);
        Instant due = deadlines.extend(c.finishDue(), workingDays);
        c.finishDue(due);
        history.append(c, actor, Action.EXTENDED, from, "+" + workingDays + " working day(s), due " + due + ": "
                + reason.strip(), clock.instant());
    }

    void requestExtension(CaseRecord c, int workingDays, String reason, String actor) {
        required(reason, "reason", "why more time is needed");
        CaseState from = c.step(Step.REQUEST_EXTENSION);
        history.append(c, actor, Action.EXTENSION_REQUESTED, from, "+" + workingDays + " working day(s): "
                + reason.strip(), clock.instant());
    }

    void note(CaseRecord c, String text, String actor) {
        history.append(c, actor, Action.NOTE, c.state(), required(text, "text", "the note"), clock.instant());
    }

    private static String required(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": " + what + " is required");
        }
        return value.strip();
    }

    private static void suits(CaseKind kind, CaseResult result) {
        String problem = CaseResult.unsuitable(kind, result);
        if (problem != null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "result: " + problem);
        }
    }

    private static String resultText(CaseResult result) {
        return result == null ? "" : " [" + result.name() + " " + result.chinese() + "]";
    }
}
