package org.hotline12333.quality;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly assessment per agent, with the departments' figures of cases beside it: produced on the 1st by Quartz
 * or here on demand; read as JSON or CSV (agents, and departments in a second file).
 */
@RestController
@RequestMapping("/api/quality/assessments")
@PreAuthorize("hasRole('SUPERVISOR')")
class AssessmentController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Assessments assessments;

    AssessmentController(Assessments assessments) {
        this.assessments = assessments;
    }

    @GetMapping("/{month}")
    Assessments.Assessment one(@PathVariable String month) {
        return stored(month(month));
    }

    /** Produces the month now from the Call records and scores, replacing what was stored. */
    @PostMapping("/{month}")
    @ResponseStatus(HttpStatus.CREATED)
    Assessments.Assessment produce(@PathVariable String month, Authentication authentication) {
        return assessments.produce(month(month), authentication.getName());
    }

    /** The stored month as CSV for the pay office (UTF-8 with BOM, for Excel). */
    @GetMapping("/{month}/csv")
    ResponseEntity<byte[]> csv(@PathVariable String month) {
        Assessments.Assessment assessment = stored(month(month));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("quality-assessment-" + assessment.month() + ".csv").build().toString())
                .body(AssessmentCsv.write(assessment));
    }

    /** The stored month's department figures (cases) as CSV, in the same form. */
    @GetMapping("/{month}/departments/csv")
    ResponseEntity<byte[]> departmentsCsv(@PathVariable String month) {
        Assessments.Assessment assessment = stored(month(month));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("quality-assessment-" + assessment.month() + "-departments.csv").build().toString())
                .body(AssessmentCsv.writeDepartments(assessment));
    }

    /** The stored month's 回访满意率 per department and per agent as CSV, in the same form. */
    @GetMapping("/{month}/return-visits/csv")
    ResponseEntity<byte[]> returnVisitsCsv(@PathVariable String month) {
        Assessments.Assessment assessment = stored(month(month));
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("quality-assessment-" + assessment.month() + "-return-visits.csv").build().toString())
                .body(AssessmentCsv.writeReturnVisits(assessment));
    }

    private Assessments.Assessment stored(YearMonth month) {
        return assessments.find(month).orElseThrow(() -> Problems.notFound("the assessment of " + month
                + " has not been produced yet (POST /api/quality/assessments/" + month + " produces it)"));
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("not a month: '" + month + "' (yyyy-MM)");
        }
    }
}
