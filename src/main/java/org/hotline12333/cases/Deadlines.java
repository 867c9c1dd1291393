package org.hotline12333.cases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.hotline12333.ivr.WorkingDays;
import org.springframework.stereotype.Component;

/**
 * Time limits (限时办理) in working days of the IVR's calendar: a limit of n days ends at midnight (in the
 * calendar's zone) after the n-th working day following the day it starts, so the day of the start never counts and
 * a matter handed off before a holiday gets its full days after it. Urgent cases count clock time instead.
 */
@Component
class Deadlines {

    /** A calendar with no working day for this long is a broken calendar, not a long holiday. */
    private static final int SEARCH_DAYS = 366;

    private final WorkingDays days;
    private final CasesProperties properties;

    Deadlines(WorkingDays days, CasesProperties properties) {
        this.days = days;
        this.properties = properties;
    }

    Instant signFor(boolean urgent, Instant handedOffAt) {
        return urgent ? handedOffAt.plus(properties.limits().urgent().signFor())
                : afterWorkingDays(handedOffAt, properties.limits().signFor());
    }

    Instant finish(CaseKind kind, boolean urgent, Instant from) {
        return urgent ? from.plus(properties.limits().urgent().finish())
                : afterWorkingDays(from, properties.limits().finish().of(kind));
    }

    /** A deadline moved by this many working days (an extension): to the end of the n-th working day after it. */
    Instant extend(Instant due, int workingDays) {
        return afterWorkingDays(due.minusNanos(1), workingDays);
    }

    Duration reminderBefore(boolean urgent) {
        return urgent ? properties.limits().urgent().reminderBefore() : properties.reminderBefore();
    }

    /** The longest reminder time: cases due within it of now are looked at. */
    Duration longestReminder() {
        Duration a = reminderBefore(true);
        Duration b = reminderBefore(false);
        return a.compareTo(b) > 0 ? a : b;
    }

    ZoneId zone() {
        return days.zone();
    }

    Instant afterWorkingDays(Instant from, int n) {
        ZoneId zone = days.zone();
        LocalDate day = from.atZone(zone).toLocalDate();
        int counted = 0;
        int searched = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (days.isWorkingDay(day)) {
                counted++;
                searched = 0;
            } else if (++searched > SEARCH_DAYS) {
                throw new IllegalStateException("the calendar (ivr-scripts/calendar.yaml) has no working day in the "
                        + "year after " + day.minusDays(SEARCH_DAYS) + ": deadlines cannot be counted");
            }
        }
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
