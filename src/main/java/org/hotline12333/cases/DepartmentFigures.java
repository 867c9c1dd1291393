package org.hotline12333.cases;

import java.math.BigDecimal;

/**
 * A department's cases in a month, for one kind or all ({@code kind} null). docs/cases.md defines each figure.
 *
 * @param due                  cases with the department whose finishing deadline fell in the month (应办结)
 * @param onTime               of those, replied to (or closed) by the deadline (按时办结)
 * @param onTimePercent        onTime / due × 100, one decimal; null when nothing was due
 * @param handedOff            hand-offs to the department in the month (交办, 改派)
 * @param returned             cases the department returned in the month (退回)
 * @param returnedPercent      returned / handedOff × 100; null without hand-offs
 * @param closed               its cases closed in the month
 * @param reopened             its cases reopened in the month (the caller not satisfied)
 * @param reopenedPercent      reopened / closed × 100; null when none was closed
 * @param averageHoursToClose  mean time from registration to closing of the cases closed in the month, in hours
 */
public record DepartmentFigures(String department, String name, CaseKind kind, int due, int onTime,
                                BigDecimal onTimePercent, int handedOff, int returned, BigDecimal returnedPercent,
                                int closed, int reopened, BigDecimal reopenedPercent, BigDecimal averageHoursToClose) {
}
