package org.hotline12333.outreach;

import java.time.YearMonth;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Return visits (回访) for supervisors: the visits and their outcomes, and the month's 回访满意率. */
@RestController
@RequestMapping("/api/outreach/return-visits")
class ReturnVisitController {

    private final ReturnVisits visits;
    private final ReturnVisitFigures figures;
    private final OutreachProperties properties;

    ReturnVisitController(ReturnVisits visits, ReturnVisitFigures figures, OutreachProperties properties) {
        this.visits = visits;
        this.figures = figures;
        this.properties = properties;
    }

    @GetMapping
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<ReturnVisitStore.View> list(@RequestParam(required = false) ReturnVisitStore.State state,
                                     @RequestParam(name = "case", required = false) String caseNumber,
                                     @RequestParam(defaultValue = "100") int limit) {
        return visits.search(state, caseNumber, Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping("/figures")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<ReturnVisitFigures.Rate> month(@RequestParam YearMonth month) {
        return figures.month(month, properties.sms().zone());
    }
}
