package org.hotline12333.cases;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.hotline12333.routing.AgentView;
import org.hotline12333.routing.Agents;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Supervisors' part (督办): every case, the overdue ones, extensions, another department or owner. */
@Service
class CaseOversight {

    private final CaseRepository cases;
    private final CaseSteps steps;
    private final Agents agents;
    private final Clock clock;

    CaseOversight(CaseRepository cases, CaseSteps steps, Agents agents, Clock clock) {
        this.cases = cases;
        this.steps = steps;
        this.agents = agents;
        this.clock = clock;
    }

    /** Cases matching every criterion given (null: any), newest first. */
    @Transactional(readOnly = true)
    List<CaseRecord> search(CaseState state, String department, String caller, String owner, int limit) {
        return cases.search(state, department, caller, owner, PageRequest.of(0, limit));
    }

    /** Open cases past a running deadline, the longest overdue first. */
    @Transactional(readOnly = true)
    List<CaseRecord> overdue(int limit) {
        var now = clock.instant();
        return cases.dueBy(now, CaseRepository.RUNNING, PageRequest.of(0, limit)).stream()
                .filter(c -> c.overdue(now)).sorted(Comparator.comparing(CaseRecord::nextDue)).toList();
    }

    CaseRecord extend(Actor actor, String number, int workingDays, String reason) {
        return steps.apply(number, c -> steps.extend(c, workingDays, reason, actor.username()));
    }

    CaseRecord reassign(Actor actor, String number, String department, String owner, String reason) {
        if (department == null && owner == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "department, owner: name the new department "
                    + "or the new owner (an agent's work number)");
        }
        if (owner != null && agents.all().stream().map(AgentView::workNumber).noneMatch(owner::equals)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "owner: no agent " + owner);
        }
        return steps.apply(number, c -> {
            if (department != null) {
                steps.reassign(c, department, reason, actor.username());
            }
            if (owner != null) {
                steps.changeOwner(c, owner, reason, actor.username());
            }
        });
    }
}
