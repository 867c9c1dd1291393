package org.hotline12333.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline12333.alert.AlertKind;
import org.hotline12333.alert.Alerts;
import org.hotline12333.call.Satisfaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the outreach feature needs of cases: who to contact about a case and how, the cases a call belongs to, an entry
 * in a case's history for each contact, and the caller's answer at the return visit (回访), which reopens the case when
 * they are not satisfied (不满意) and alerts supervisors about its owner.
 */
@Service
public class CaseOutreach {

    /**
     * A case as outreach sees it.
     *
     * @param callerNumber null only when the case has none (never hidden here: outreach respects {@code confidential})
     */
    public record Contact(String number, CaseKind kind, String classification, String callerNumber,
                          boolean confidential, String owner, String department, CaseState state,
                          ReplyNotice replyNotice, String reply, Instant closedAt, Satisfaction returnVisit,
                          String originCallId) {
    }

    private final CaseRepository cases;
    private final CaseSteps steps;
    private final CaseHistory history;
    private final CaseCalls calls;
    private final CaseEffects effects;
    private final Alerts alerts;
    private final JdbcClient db;
    private final Clock clock;

    CaseOutreach(CaseRepository cases, CaseSteps steps, CaseHistory history, CaseCalls calls, CaseEffects effects,
                 Alerts alerts, JdbcClient db, Clock clock) {
        this.cases = cases;
        this.steps = steps;
        this.history = history;
        this.calls = calls;
        this.effects = effects;
        this.alerts = alerts;
        this.db = db;
        this.clock = clock;
    }

    public Optional<Contact> find(String number) {
        return cases.findByNumber(number).map(this::contact);
    }

    /** The cases a call belongs to (registered from it, or linked to it later), newest first. */
    public List<Contact> ofCall(String callId) {
        return db.sql("SELECT c.case_number FROM case_call l JOIN hotline_case c ON c.id = l.case_id"
                        + " WHERE l.call_id = ? ORDER BY c.registered_at DESC")
                .param(callId).query(String.class).list().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /** A contact with the caller goes into the case's history (who, and what became of it). */
    public void contacted(String number, String actor, String text) {
        steps.apply(number, c -> history.append(c, actor, CaseHistory.Action.CONTACTED, c.state(), text,
                clock.instant()));
    }

    /** A call the service made to the caller about the case: linked, so the case shows it with its recording. */
    public void linkCall(String number, String callId, String actor) {
        steps.apply(number, c -> calls.link(c.id(), callId, CaseCalls.Relation.OUTREACH, actor, clock.instant()));
    }

    /**
     * The caller's answer at the return visit, stored on the case. 不满意 on a closed case reopens it (a new finishing
     * deadline, the owner stays) and raises a RETURN_VISIT alert naming the owner. Returns whether it was reopened.
     */
    public boolean returnVisit(String number, Satisfaction answer, String callId, String actor) {
        Instant now = clock.instant();
        boolean[] reopened = {false};
        CaseRecord c = steps.apply(number, locked -> {
            locked.returnVisit(answer, now);
            history.append(locked, actor, CaseHistory.Action.RETURN_VISIT, locked.state(), "回访: " + chinese(answer)
                    + (callId == null ? "" : " (call " + callId + ")"), now);
            if (callId != null) {
                calls.link(locked.id(), callId, CaseCalls.Relation.OUTREACH, actor, now);
            }
            if (answer == Satisfaction.DISSATISFIED && locked.state() == CaseState.CLOSED) {
                steps.reopen(locked, "回访不满意 (the caller was not satisfied at the return visit)", actor);
                reopened[0] = true;
            }
        });
        if (reopened[0]) {
            effects.reopened(c, actor);
            alerts.raise(AlertKind.RETURN_VISIT, c.number(), "工单 " + c.number() + " 回访不满意: reopened for its owner, "
                    + "agent " + c.owner() + (c.department() == null ? "" : ", department " + c.department())
                    + "; their supervisor follows it up");
        }
        return reopened[0];
    }

    static String chinese(Satisfaction answer) {
        return switch (answer) {
            case SATISFIED -> "满意";
            case BASICALLY_SATISFIED -> "基本满意";
            case DISSATISFIED -> "不满意";
        };
    }

    private Contact contact(CaseRecord c) {
        String origin = calls.of(c.id()).stream().filter(l -> l.relation() == CaseCalls.Relation.ORIGIN)
                .map(CaseCalls.Link::callId).findFirst().orElse(null);
        return new Contact(c.number(), c.kind(), c.classification(), c.callerNumber(), c.confidential(), c.owner(),
                c.department(), c.state(), c.replyNotice(), c.reply(), c.closedAt(), c.returnVisit(), origin);
    }
}
