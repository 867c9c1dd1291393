package org.hotline12333.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped ivr-scripts/calendar.yaml: a caller reaches a person on the days the State Council says are worked. */
class OpeningCalendarTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final List<ScriptProblem> problems = new ArrayList<>();
    private final OpeningCalendar calendar = OpeningCalendar.read(Path.of("ivr-scripts"), problems);

    @Test
    void the2026HolidaysAndTheWeekendsWorkedInExchange() {
        assertThat(problems).isEmpty();
        // weekend days worked in exchange (调休上班) are open
        assertThat(List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"))
                .allSatisfy(day -> assertThat(calendar.isOpen(at(day, "10:00"))).as(day).isTrue());
        // weekdays inside a holiday are closed
        assertThat(List.of("2026-01-02", "2026-02-16", "2026-02-23", "2026-04-06", "2026-05-05", "2026-06-19",
                "2026-09-25", "2026-10-01", "2026-10-07"))
                .allSatisfy(day -> assertThat(calendar.isOpen(at(day, "10:00"))).as(day).isFalse());
        // the Mid-Autumn Sunday is a holiday like any Sunday, not a working day
        assertThat(calendar.isOpen(at("2026-09-27", "10:00"))).isFalse();
    }

    @Test
    void anOrdinaryWeekdayIsOpenInOfficeHoursOnly() {
        assertThat(calendar.isOpen(at("2026-11-23", "10:00"))).isTrue();
        assertThat(calendar.isOpen(at("2026-11-23", "12:30"))).isFalse();
        assertThat(calendar.isOpen(at("2026-11-23", "18:00"))).isFalse();
        assertThat(calendar.isOpen(at("2026-11-22", "10:00"))).isFalse();
    }

    @Test
    void workingDaysAreTheOpenDaysWhateverTheHour() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-30"))).isTrue(); // a Monday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-29"))).isFalse(); // a Sunday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse(); // National Day
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue(); // Saturday worked in exchange
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-09-20"))).isTrue(); // Sunday worked in exchange
        assertThat(calendar.zone()).isEqualTo(BEIJING);
    }

    private static ZonedDateTime at(String day, String time) {
        return ZonedDateTime.of(LocalDate.parse(day), LocalTime.parse(time), BEIJING);
    }
}
