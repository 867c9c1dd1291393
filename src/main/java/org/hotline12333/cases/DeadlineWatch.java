package org.hotline12333.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hotline12333.cases.CaseHistory.Action;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders before a deadline and escalation (督办) once it has passed, for every case whose deadline still runs:
 * signing for while the case waits for its department, finishing until the department replies. Each reminder and
 * escalation is claimed by inserting its row (case, deadline, due time, event) in the transaction that writes its
 * history entry; a second instance, or a second run at once, finds the row and does nothing. Supervisors' alerts and
 * events follow the commit.
 */
@Component
class DeadlineWatch {


    enum Deadline {
        SIGN_FOR("签收"), FINISH("办结");

        private final String chinese;

        Deadline(String chinese) {
            this.chinese = chinese;
        }

        String chinese() {
            return chinese;
        }
    }

    enum Event { REMINDER, ESCALATION }

    private final CaseRepository cases;
    private final CaseHistory history;
    private final CaseEffects effects;
    private final Deadlines deadlines;
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeadlineWatch(CaseRepository cases, CaseHistory history, CaseEffects effects, Deadlines deadlines, JdbcClient db,
                  TransactionTemplate transactions, Clock clock) {
        this.cases = cases;
        this.history = history;
        this.effects = effects;
        this.deadlines = deadlines;
        this.db = db;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Looks at every case due soon or overdue now; returns how many reminders and escalations this run made. */
    int check() {
        Instant now = clock.instant();
        int made = 0;
        for (Candidate candidate : candidates(now)) {
            if (claim(candidate.number(), candidate.deadline(), candidate.event(), now)) {
                made++;
            }
        }
        return made;
    }

    private record Candidate(String number, Deadline deadline, Event event) {
    }

    /** What looks due now and is not made yet; each is checked again under the case's lock when claimed. */
    private List<Candidate> candidates(Instant now) {
        return transactions.execute(status -> {
            List<CaseRecord> due = cases.dueBy(now.plus(deadlines.longestReminder()), CaseRepository.RUNNING,
                    Pageable.unpaged());
            if (due.isEmpty()) {
                return List.of();
            }
            Set<String> made = new HashSet<>(db.sql("""
                    SELECT case_id, deadline, due_at, event FROM case_deadline_event WHERE case_id IN (:ids)""")
                    .param("ids", due.stream().map(CaseRecord::id).toList())
                    .query((rs, n) -> key(rs.getLong("case_id"), rs.getString("deadline"),
                            rs.getTimestamp("due_at").toInstant(), rs.getString("event"))).list());
            List<Candidate> candidates = new ArrayList<>();
            for (CaseRecord c : due) {
                for (Deadline deadline : Deadline.values()) {
                    Instant at = running(c, deadline);
                    for (Event event : Event.values()) {
                        if (at != null && isTime(c, at, event, now)
                                && !made.contains(key(c.id(), deadline.name(), at, event.name()))) {
                            candidates.add(new Candidate(c.number(), deadline, event));
                        }
                    }
                }
            }
            return candidates;
        });
    }

    private static String key(long caseId, String deadline, Instant due, String event) {
        return caseId + "|" + deadline + "|" + due.toEpochMilli() + "|" + event;
    }

    /** Claims and makes this reminder or escalation if it is due now and not made yet; returns whether it did. */
    private boolean claim(String number, Deadline deadline, Event event, Instant now) {
        List<Runnable> after = new ArrayList<>();
        Boolean made = transactions.execute(status -> {
            CaseRecord c = cases.lockByNumber(number).orElse(null);
            Instant due = c == null ? null : running(c, deadline);
            if (due == null || !isTime(c, due, event, now) || !inserted(c, deadline, due, event, now)) {
                return false;
            }
            String what = deadline.chinese() + "期限 " + due + (event == Event.ESCALATION ? " 已过，督办 (passed)"
                    : " 将到 (near)");
            history.append(c, CaseHistory.SYSTEM, event == Event.ESCALATION ? Action.ESCALATED : Action.REMINDED,
                    c.state(), what, now);
            if (event == Event.ESCALATION) {
                after.add(() -> effects.escalated(c, deadline, due));
            }
            return true;
        });
        after.forEach(Runnable::run);
        return Boolean.TRUE.equals(made);
    }

    /** The deadline's due time if it runs in the case's present state, else null. */
    private static Instant running(CaseRecord c, Deadline deadline) {
        if (deadline == Deadline.SIGN_FOR) {
            return c.state() == CaseState.HANDED_OFF ? c.signForDue() : null;
        }
        return c.state().running() ? c.finishDue() : null;
    }

    private boolean isTime(CaseRecord c, Instant due, Event event, Instant now) {
        if (event == Event.ESCALATION) {
            return due.isBefore(now);
        }
        Duration before = deadlines.reminderBefore(c.urgent());
        return !due.minus(before).isAfter(now) && !due.isBefore(now);
    }

    private boolean inserted(CaseRecord c, Deadline deadline, Instant due, Event event, Instant now) {
        return db.sql("""
                INSERT INTO case_deadline_event (case_id, deadline, due_at, event, happened_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(c.id(), deadline.name(), Timestamp.from(due), event.name(), Timestamp.from(now))
                .update() == 1;
    }
}
