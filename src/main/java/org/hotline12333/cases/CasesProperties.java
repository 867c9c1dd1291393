package org.hotline12333.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cases (docs/cases.md). Working days are those of the IVR's calendar (ivr-scripts/calendar.yaml), in its time zone.
 *
 * @param classificationFile    the classification tree the centre maintains (YAML, checked at start)
 * @param departmentsSeed       departments read into the empty department table on the first start; empty: none
 * @param limits                how long a department has to sign for and to finish, per kind
 * @param reminderBefore        a reminder this long before a deadline in working days
 * @param deadlineCheckInterval how often deadlines are checked for reminders and escalation (Quartz)
 */
@Validated
@ConfigurationProperties("hotline.cases")
public record CasesProperties(@DefaultValue("./classification/12333.yaml") @NotNull Path classificationFile,
                              @DefaultValue("classpath:cases/departments-12333.yml") String departmentsSeed,
                              @DefaultValue @Valid Limits limits,
                              @DefaultValue("24h") @NotNull Duration reminderBefore,
                              @DefaultValue("1m") @NotNull Duration deadlineCheckInterval) {

    /**
     * Time limits (限时办理). Days are working days, counted from the day after the start: a case handed off on a
     * Friday with one day to sign for is due at the end of the next working day.
     *
     * @param signFor working days a department has to sign for (or return) a case handed to it
     * @param finish  working days from registration to the department's reply, per kind
     * @param urgent  limits of urgent cases, in clock time
     */
    public record Limits(@DefaultValue("1") @Min(1) int signFor, @DefaultValue @Valid Finish finish,
                         @DefaultValue @Valid Urgent urgent) {
    }

    /** Working days to finish, per kind. */
    public record Finish(@DefaultValue("3") @Min(1) int enquiry, @DefaultValue("5") @Min(1) int help,
                         @DefaultValue("5") @Min(1) int complaint, @DefaultValue("15") @Min(1) int report,
                         @DefaultValue("10") @Min(1) int suggestion, @DefaultValue("5") @Min(1) int praise) {

        int of(CaseKind kind) {
            return switch (kind) {
                case ENQUIRY -> enquiry;
                case HELP -> help;
                case COMPLAINT -> complaint;
                case REPORT -> report;
                case SUGGESTION -> suggestion;
                case PRAISE -> praise;
            };
        }
    }

    /**
     * @param signFor        time to sign for an urgent case
     * @param finish         time to finish an urgent case, from registration
     * @param reminderBefore a reminder this long before an urgent deadline
     */
    public record Urgent(@DefaultValue("30m") @NotNull Duration signFor, @DefaultValue("2h") @NotNull Duration finish,
                         @DefaultValue("30m") @NotNull Duration reminderBefore) {
    }
}
