package org.hotline12333.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The departments cases go to (listed for staff, kept by administrators) and their figures for supervisors. */
@RestController
@RequestMapping({"/api/cases", "/desk/data/cases"})
class DepartmentAdminController {

    private final Departments departments;
    private final CaseFigures figures;
    private final Deadlines deadlines;

    DepartmentAdminController(Departments departments, CaseFigures figures, Deadlines deadlines) {
        this.departments = departments;
        this.figures = figures;
        this.deadlines = deadlines;
    }

    /**
     * @param phone   the number agents ring for a three-way call with the department (null: none)
     * @param members usernames of its users, each of role DEPARTMENT (null: none)
     */
    record DepartmentSpec(@NotBlank @Size(max = 200) String name, Boolean active, String phone, List<String> members) {
    }

    @GetMapping("/departments")
    @PreAuthorize("hasRole('AGENT')")
    List<Departments.Department> departments() {
        return departments.all();
    }

    @PutMapping("/departments/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    Departments.Department put(@PathVariable String code,
                               @Valid @RequestBody DepartmentSpec spec) {
        if (!code.matches("[a-z0-9-]{2,64}")) {
            throw new IllegalArgumentException("code: 2 to 64 lower-case letters, digits or '-'");
        }
        return departments.put(code, spec.name().strip(), spec.active() == null || spec.active(),
                spec.phone() == null || spec.phone().isBlank() ? null : spec.phone().strip(),
                spec.members() == null ? List.of() : spec.members());
    }

    /** Per department and kind, the month's figures; the month is counted in the calendar's zone. */
    @GetMapping("/figures")
    @PreAuthorize("hasRole('SUPERVISOR')")
    List<DepartmentFigures> figures(@RequestParam String month) {
        return figures.month(month(month), zone());
    }

    private ZoneId zone() {
        return deadlines.zone();
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month: not a month: '" + month + "' (yyyy-MM)");
        }
    }
}
