package org.hotline12333.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Figures of cases for other features: per department and kind for a month (on-time, returned, reopened, time to
 * close: the monthly assessment shows them beside the agents'), and how many cases are overdue now (the floor).
 */
@Service
public class CaseFigures {

    private final JdbcClient db;
    private final CaseRepository cases;
    private final Departments departments;

    CaseFigures(JdbcClient db, CaseRepository cases, Departments departments) {
        this.db = db;
        this.cases = cases;
        this.departments = departments;
    }

    /** Open cases past a running deadline at {@code now}. */
    public long overdue(Instant now) {
        return cases.countOverdue(now, CaseRepository.RUNNING);
    }

    /**
     * Every department with cases in the month (in {@code zone}): a row per kind it had, then its row for all kinds
     * ({@code kind} null); departments by code.
     */
    public List<DepartmentFigures> month(YearMonth month, ZoneId zone) {
        Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(zone).toInstant());
        Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        Map<String, Map<CaseKind, Tally>> tallies = new TreeMap<>();
        db.sql("""
                SELECT department_code, kind, finish_due, replied_at, closed_at FROM hotline_case
                WHERE department_code IS NOT NULL AND finish_due >= ? AND finish_due < ?""").params(from, to)
                .query(rs -> {
                    Instant due = rs.getTimestamp("finish_due").toInstant();
                    Timestamp done = rs.getTimestamp("replied_at") != null ? rs.getTimestamp("replied_at")
                            : rs.getTimestamp("closed_at");
                    tally(tallies, rs.getString("department_code"), rs.getString("kind"))
                            .due(done != null && !done.toInstant().isAfter(due));
                });
        db.sql("""
                SELECT h.department_code, c.kind, h.action, c.registered_at, h.happened_at FROM case_history h
                JOIN hotline_case c ON c.id = h.case_id
                WHERE h.department_code IS NOT NULL AND h.happened_at >= ? AND h.happened_at < ?
                  AND h.action IN ('HANDED_OFF', 'REASSIGNED', 'RETURNED', 'CLOSED', 'REOPENED')""")
                .params(from, to).query((RowCallbackHandler) rs -> tally(tallies, rs.getString("department_code"),
                        rs.getString("kind")).event(rs.getString("action"), rs.getTimestamp("registered_at")
                        .toInstant(), rs.getTimestamp("happened_at").toInstant()));
        List<DepartmentFigures> rows = new ArrayList<>();
        tallies.forEach((department, kinds) -> {
            String name = departments.name(department);
            Tally all = new Tally();
            kinds.forEach((kind, tally) -> {
                rows.add(tally.row(department, name, kind));
                all.add(tally);
            });
            rows.add(all.row(department, name, null));
        });
        return rows;
    }

    private static Tally tally(Map<String, Map<CaseKind, Tally>> tallies, String department, String kind) {
        return tallies.computeIfAbsent(department, d -> new TreeMap<>())
                .computeIfAbsent(CaseKind.valueOf(kind), k -> new Tally());
    }

    private static final class Tally {
        private int due;
        private int onTime;
        private int handedOff;
        private int returned;
        private int closed;
        private int reopened;
        private long closeMillis;

        void due(boolean inTime) {
            due++;
            onTime += inTime ? 1 : 0;
        }

        void event(String action, Instant registered, Instant at) {
            switch (action) {
                case "HANDED_OFF", "REASSIGNED" -> handedOff++;
                case "RETURNED" -> returned++;
                case "REOPENED" -> reopened++;
                default -> {
                    closed++;
                    closeMillis += Duration.between(registered, at).toMillis();
                }
            }
        }

        void add(Tally other) {
            due += other.due;
            onTime += other.onTime;
            handedOff += other.handedOff;
            returned += other.returned;
            closed += other.closed;
            reopened += other.reopened;
            closeMillis += other.closeMillis;
        }

        DepartmentFigures row(String department, String name, CaseKind kind) {
            return new DepartmentFigures(department, name, kind, due, onTime, percent(onTime, due), handedOff,
                    returned, percent(returned, handedOff), closed, reopened, percent(reopened, closed),
                    closed == 0 ? null : BigDecimal.valueOf(closeMillis)
                            .divide(BigDecimal.valueOf(3_600_000L * closed), 1, RoundingMode.HALF_UP));
        }

        private static BigDecimal percent(int part, int whole) {
            return whole == 0 ? null : BigDecimal.valueOf(100L * part).divide(BigDecimal.valueOf(whole), 1,
                    RoundingMode.HALF_UP);
        }
    }
}
