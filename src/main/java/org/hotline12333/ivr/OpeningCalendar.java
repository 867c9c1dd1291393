package org.hotline12333.ivr;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * When people answer the phone, from ivr-scripts/calendar.yaml: opening hours per weekday, public holidays, and
 * weekend days worked in exchange for holidays (调休).
 */
final class OpeningCalendar {

    static final String FILE = "calendar.yaml";

    private final ZoneId zone;
    private final Map<DayOfWeek, List<LocalTime[]>> hours;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, DayOfWeek> workingDays;

    private OpeningCalendar(ZoneId zone, Map<DayOfWeek, List<LocalTime[]>> hours, Set<LocalDate> holidays,
                            Map<LocalDate, DayOfWeek> workingDays) {
        this.zone = zone;
        this.hours = hours;
        this.holidays = holidays;
        this.workingDays = workingDays;
    }

    static OpeningCalendar read(Path directory, List<ScriptProblem> problems) {
        YamlDocument document = YamlDocument.read(directory.resolve(FILE));
        problems.addAll(document.problems());
        JsonNode root = document.root();
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        try {
            if (root.has("timezone")) {
                zone = ZoneId.of(root.path("timezone").asString());
            }
        } catch (DateTimeException e) {
            problems.add(document.problem("timezone", "unknown time zone '" + root.path("timezone").asString() + "'"));
        }
        Map<DayOfWeek, List<LocalTime[]>> hours = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, JsonNode> day : root.path("opening-hours").properties()) {
            String at = "opening-hours/" + day.getKey();
            try {
                DayOfWeek weekday = DayOfWeek.valueOf(day.getKey().toUpperCase(Locale.ROOT));
                List<LocalTime[]> ranges = new ArrayList<>();
                for (JsonNode range : day.getValue()) {
                    String[] parts = range.asString().split("-");
                    ranges.add(new LocalTime[] {LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())});
                }
                hours.put(weekday, List.copyOf(ranges));
            } catch (RuntimeException e) {
                problems.add(document.problem(at, "opening hours are a weekday and ranges like \"08:30-12:00\""));
            }
        }
        Set<LocalDate> holidays = new HashSet<>();
        JsonNode holidayList = root.path("holidays");
        for (int i = 0; i < holidayList.size(); i++) {
            try {
                holidays.add(LocalDate.parse(holidayList.get(i).asString()));
            } catch (DateTimeException e) {
                problems.add(document.problem("holidays/" + i, "a holiday is a date like 2026-10-01"));
            }
        }
        Map<LocalDate, DayOfWeek> workingDays = new HashMap<>();
        JsonNode working = root.path("working-days");
        for (int i = 0; i < working.size(); i++) {
            try {
                workingDays.put(LocalDate.parse(working.get(i).path("date").asString()),
                        DayOfWeek.valueOf(working.get(i).path("as").asString().toUpperCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                problems.add(document.problem("working-days/" + i, "a working day is {date: 2026-09-20, as: friday}"));
            }
        }
        return new OpeningCalendar(zone, hours, holidays, workingDays);
    }

    ZonedDateTime local(java.time.Instant now) {
        return now.atZone(zone);
    }

    ZoneId zone() {
        return zone;
    }

    /** A day people work: not a holiday, and a weekday with opening hours or a weekend day worked in exchange. */
    boolean isWorkingDay(LocalDate date) {
        return !holidays.contains(date) && !hoursOn(date).isEmpty();
    }

    boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    boolean isOpen(ZonedDateTime at) {
        LocalDate date = at.toLocalDate();
        if (holidays.contains(date)) {
            return false;
        }
        LocalTime time = at.toLocalTime();
        return hoursOn(date).stream().anyMatch(range -> !time.isBefore(range[0]) && time.isBefore(range[1]));
    }

    private List<LocalTime[]> hoursOn(LocalDate date) {
        return hours.getOrDefault(workingDays.getOrDefault(date, date.getDayOfWeek()), List.of());
    }
}
