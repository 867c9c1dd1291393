package org.hotline12333.ivr;

import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/**
 * The centre's working days, for features that count deadlines in them (限时办理): the calendar of
 * ivr-scripts/calendar.yaml exactly as the IVR has it in service (holidays, weekend days worked in exchange), reloaded
 * with it when the file changes. A working day is one that is not a holiday and has opening hours.
 */
@Component
public class WorkingDays {

    private final ScriptLibrary library;

    WorkingDays(ScriptLibrary library) {
        this.library = library;
    }

    public boolean isWorkingDay(LocalDate date) {
        return calendar().isWorkingDay(date);
    }

    /** Whether the centre is open at this moment (opening hours, holidays, weekends worked in exchange). */
    public boolean isOpen(java.time.Instant at) {
        OpeningCalendar calendar = calendar();
        return calendar.isOpen(calendar.local(at));
    }

    /** Where the calendar's days begin and end ({@code timezone} of calendar.yaml). */
    public ZoneId zone() {
        return calendar().zone();
    }

    private OpeningCalendar calendar() {
        OpeningCalendar calendar = library.calendar();
        if (calendar == null) {
            throw new IllegalStateException("the calendar (ivr-scripts/" + OpeningCalendar.FILE + ") is not loaded yet");
        }
        return calendar;
    }
}
