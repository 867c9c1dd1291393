package org.hotline12333.cases;

import java.util.EnumSet;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A department's work: its inbox, signing for (签收) or returning (退回) what was handed to it, the written reply,
 * asking for more time. A department sees and touches only the cases that are with it: any other is "no case"
 * (404), as if it did not exist.
 */
@Service
class DepartmentDesk {

    static final EnumSet<CaseState> TO_DO = EnumSet.of(CaseState.HANDED_OFF, CaseState.SIGNED_FOR);
    static final EnumSet<CaseState> DONE = EnumSet.of(CaseState.RETURNED, CaseState.REPLIED, CaseState.CLOSED,
            CaseState.REOPENED);

    private final CaseRepository cases;
    private final CaseSteps steps;
    private final CaseEffects effects;

    DepartmentDesk(CaseRepository cases, CaseSteps steps, CaseEffects effects) {
        this.cases = cases;
        this.steps = steps;
        this.effects = effects;
    }

    /** Cases with the department, to do or done (returned, replied, closed), newest first. */
    @Transactional(readOnly = true)
    List<CaseRecord> inbox(Actor actor, boolean toDo, int limit) {
        return cases.findByDepartmentAndStateInOrderByRegisteredAtDesc(actor.department(), toDo ? TO_DO : DONE,
                PageRequest.of(0, limit));
    }

    @Transactional(readOnly = true)
    CaseRecord find(Actor actor, String number) {
        CaseRecord c = cases.findByNumber(number).orElseThrow(() -> Actor.notFound(number));
        actor.mustBeDepartmentOf(c);
        return c;
    }

    CaseRecord signFor(Actor actor, String number) {
        return steps.apply(number, c -> {
            actor.mustBeDepartmentOf(c);
            steps.signFor(c, actor.username());
        });
    }

    CaseRecord giveBack(Actor actor, String number, String reason) {
        return steps.apply(number, c -> {
            actor.mustBeDepartmentOf(c);
            steps.giveBack(c, reason, actor.username());
        });
    }

    CaseRecord reply(Actor actor, String number, String text, CaseResult result) {
        CaseRecord replied = steps.apply(number, c -> {
            actor.mustBeDepartmentOf(c);
            steps.reply(c, text, result, actor.username());
        });
        effects.replied(replied);
        return replied;
    }

    CaseRecord note(Actor actor, String number, String text) {
        return steps.apply(number, c -> {
            actor.mustBeDepartmentOf(c);
            steps.note(c, text, actor.username());
        });
    }

    CaseRecord requestExtension(Actor actor, String number, int workingDays, String reason) {
        CaseRecord c = steps.apply(number, locked -> {
            actor.mustBeDepartmentOf(locked);
            steps.requestExtension(locked, workingDays, reason, actor.username());
        });
        effects.extensionRequested(c, workingDays, actor.username());
        return c;
    }
}
