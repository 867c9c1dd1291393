package org.hotline12333.cases;

import java.time.Clock;
import java.util.List;
import org.hotline12333.routing.DeskCases;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The desk's view of cases: the caller's open ones on the screen-pop, the classification of a wrap-up. */
@Component
class DeskCasesAdapter implements DeskCases {

    private static final int SHOWN = 10;

    private final CaseRepository cases;
    private final Classifications classifications;
    private final Departments departments;
    private final Clock clock;

    DeskCasesAdapter(CaseRepository cases, Classifications classifications, Departments departments, Clock clock) {
        this.cases = cases;
        this.classifications = classifications;
        this.departments = departments;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<OpenCase> openCases(String callerNumber) {
        if (callerNumber == null || callerNumber.isBlank()) {
            return List.of();
        }
        var now = clock.instant();
        return cases.findByCallerNumberAndStateNotOrderByRegisteredAtDesc(callerNumber, CaseState.CLOSED,
                PageRequest.of(0, SHOWN)).stream().map(c -> new OpenCase(c.number(), c.kind().name(),
                c.classification(), classifications.find(c.classification()).map(Classification::name).orElse(null),
                c.summary(), c.state().name(), c.owner(), departments.name(c.department()), c.nextDue(),
                c.overdue(now))).toList();
    }

    @Override
    public String classification(String code) {
        return classifications.assignable(code).name();
    }
}
